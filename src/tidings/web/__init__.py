"""The web process: server-rendered pages, the JSON API, feeds out, alerts and operations.

>>> from tidings.web.app import create_app
>>> app = create_app(store)          # a Starlette app; run it with uvicorn
"""
