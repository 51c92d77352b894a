"""Admin for users (role, department) and API keys (prefix only)."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from zwfw.accounts import services
from zwfw.accounts.models import ApiKey, User
from zwfw.errors import DomainError


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active", "last_login"]
    list_filter = ["role", "department", "is_active", "is_staff"]
    search_fields = ["username", "display_name", "department__name"]
    list_select_related = ["department"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("身份与部门", {"fields": ("display_name", "role", "department")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("登录记录", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        ("身份与部门", {"fields": ("display_name", "role", "department")}),
    )


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "department", "active", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["active", "department"]
    search_fields = ["prefix", "name", "department__name"]
    readonly_fields = ["department", "name", "prefix", "active", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        # The plain key can be shown only once: issue keys with
        # `zwfw accounts issue-key --department CODE --name NAME`.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="吊销所选接口密钥")
    def revoke_selected(self, request, queryset):
        done = 0
        for key in queryset.filter(active=True):
            try:
                services.revoke(key)
                done += 1
            except DomainError as e:
                self.message_user(request, e.message, messages.ERROR)
        self.message_user(request, f"已吊销 {done} 个接口密钥。", messages.SUCCESS)
