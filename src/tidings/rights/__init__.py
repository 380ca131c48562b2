"""The rights desk: accounts and sessions, complaints and takedowns, comments, and hardening.

The web app calls :func:`tidings.rights.auth.install` once; the scheduler calls
:func:`tidings.rights.complaints.restore_due`; the CLI calls :func:`tidings.rights.accounts.create_user`
and :func:`tidings.rights.backup.backup`.
"""
