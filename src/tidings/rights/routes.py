"""Every route of the rights desk (mounted by :func:`tidings.rights.auth.install`)."""
from __future__ import annotations

from starlette.routing import Route

from . import views_admin as admin
from . import views_manage as manage
from . import views_public as public


def rights_routes() -> list[Route]:
    """The routes, most specific first (``/complaints/new`` before ``/complaints/{id}``)."""
    get, post = ["GET"], ["POST"]
    return [
        Route("/admin/login", admin.login_form, methods=get, name="rights_login"),
        Route("/admin/login", admin.login_submit, methods=post, name="rights_login_submit"),
        Route("/admin/logout", admin.logout, methods=post, name="rights_logout"),
        Route("/complaints/new", public.complaint_form, methods=get, name="rights_complaint_form"),
        Route("/complaints/new", public.complaint_submit, methods=post, name="rights_complaint_submit"),
        Route("/complaints/counter", public.counter_form, methods=get, name="rights_counter_form"),
        Route("/complaints/counter", public.counter_submit, methods=post, name="rights_counter_submit"),
        Route("/complaints/{id:int}", public.complaint_status, methods=get, name="rights_complaint_status"),
        Route("/policy", public.policy, methods=get, name="rights_policy"),
        Route("/story/{id:int}/comments", public.comment_form, methods=get, name="rights_comment_form"),
        Route("/story/{id:int}/comments", public.comment_submit, methods=post, name="rights_comment_submit"),
        Route("/admin/complaints", admin.queue, methods=get, name="rights_admin_complaints"),
        Route("/admin/complaints/{id:int}", admin.complaint_detail, methods=get, name="rights_admin_complaint"),
        Route("/admin/complaints/{id:int}/takedown", admin.do_takedown, methods=post, name="rights_admin_takedown"),
        Route("/admin/complaints/{id:int}/reject", admin.do_reject, methods=post, name="rights_admin_reject"),
        Route("/admin/complaints/{id:int}/resolve", admin.do_resolve, methods=post, name="rights_admin_resolve"),
        Route("/admin/complaints/{id:int}/accept-counter", admin.do_accept_counter, methods=post,
              name="rights_admin_accept_counter"),
        Route("/admin/complaints/{id:int}/keep-down", admin.do_keep_down, methods=post, name="rights_admin_keep_down"),
        Route("/admin/complaints/{id:int}/unblock-source", admin.do_unblock_source, methods=post,
              name="rights_admin_unblock_source"),
        Route("/admin/audit", admin.audit, methods=get, name="rights_admin_audit"),
        Route("/admin/comments", manage.comments_queue, methods=get, name="rights_admin_comments"),
        Route("/admin/comments/{id:int}/approve", manage.comment_approve, methods=post, name="rights_admin_comment_approve"),
        Route("/admin/comments/{id:int}/delete", manage.comment_delete, methods=post, name="rights_admin_comment_delete"),
        Route("/admin/comments/{id:int}/ban", manage.comment_ban, methods=post, name="rights_admin_comment_ban"),
        Route("/admin/users", manage.users, methods=get, name="rights_admin_users"),
        Route("/admin/users", manage.user_create, methods=post, name="rights_admin_user_create"),
        Route("/admin/users/{id:int}/disable", manage.user_disable, methods=post, name="rights_admin_user_disable"),
        Route("/admin/users/{id:int}/enable", manage.user_enable, methods=post, name="rights_admin_user_enable"),
        Route("/admin/tokens", manage.token_create, methods=post, name="rights_admin_token_create"),
        Route("/admin/tokens/{id:int}/revoke", manage.token_revoke, methods=post, name="rights_admin_token_revoke"),
        Route("/admin/settings", manage.settings_save, methods=post, name="rights_admin_settings"),
    ]
