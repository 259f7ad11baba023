"""The editorial roles and the moderation workflow, as the plugin's rules expect them.

Site policy, not schema: a host sets them up with ``manage.py meetings_setup --roles`` or by
calling ``set_up_roles(apps)`` from a data migration of its own. Idempotent: groups that
Wagtail created ("Editors", "Moderators") are renamed, nothing is removed.

- Redaktorzy (editors) write pages and snippets, and submit translations;
- Moderatorzy (moderators) also approve, publish and change what published pages show;
- Tłumacze (translators) edit the pages of the target languages only.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.utils.translation import get_supported_language_variant

EDITORS = "Redaktorzy"
MODERATORS = "Moderatorzy"
TRANSLATORS = "Tłumacze"
WORKFLOW = "Akceptacja moderatora"
TASK = "Akceptacja przez moderatorów"

EDITOR_PERMISSIONS = [
    ("meetings", "view_sphere"),
    ("meetings", "add_venue"),
    ("meetings", "change_venue"),
    ("meetings", "view_venue"),
    ("meetings", "add_organizer"),
    ("meetings", "change_organizer"),
    ("meetings", "view_organizer"),
    ("meetings", "add_consultation"),
    ("meetings", "change_consultation"),
    ("meetings", "view_consultation"),
    ("wagtail_localize", "submit_translation"),
    ("wagtailadmin", "access_admin"),
]
MODERATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("meetings", "change_sphere"),
    ("meetings", "delete_venue"),
    ("meetings", "delete_organizer"),
    ("meetings", "delete_consultation"),
    ("meetings", "change_published_venue"),
    ("meetings", "change_published_organizer"),
    ("meetings", "change_published_consultation"),
]
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("meetings", "view_sphere"),
    ("meetings", "view_venue"),
    ("meetings", "view_organizer"),
    ("meetings", "view_consultation"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page"]
# Images and documents have no drafts either: a replaced file shows at once wherever published
# pages use it. Editors upload and choose them, and change or delete only their own uploads
# (Wagtail's rule for those who may add); changing anyone's is the moderators'.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
# Translators choose them where a translation overrides one (an English-language document).
TRANSLATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
]


def set_up_roles(apps=global_apps) -> None:
    """Create or complete the three groups, their permissions and the moderation workflow on
    the root page (so it covers every language's tree)."""
    if apps is not global_apps:
        # In a migration, permissions of models migrated in the same run do not exist yet.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors = _rename_or_create(Group, "Editors", EDITORS)
    moderators = _rename_or_create(Group, "Moderators", MODERATORS)
    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    for group, wanted in (
        (editors, EDITOR_PERMISSIONS),
        (moderators, MODERATOR_PERMISSIONS),
        (translators, TRANSLATOR_PERMISSIONS),
    ):
        group.permissions.add(*(permission(*name) for name in wanted))

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission("wagtailcore", codename)
            )
    source = get_supported_language_variant(settings.LANGUAGE_CODE)
    for page in Page.objects.filter(depth=2).exclude(locale__language_code=source):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=translators, page=page, permission=permission("wagtailcore", codename)
            )
    _set_up_collections(apps, permission, editors, moderators, translators)
    _set_up_workflow(apps, root, moderators)


def _set_up_collections(apps, permission, editors, moderators, translators) -> None:
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for group, wanted in (
        (editors, EDITOR_COLLECTION_PERMISSIONS),
        (moderators, MODERATOR_COLLECTION_PERMISSIONS),
        (translators, TRANSLATOR_COLLECTION_PERMISSIONS),
    ):
        names = [permission(*name) for name in wanted]
        GroupCollectionPermission.objects.filter(
            group=group,
            collection=root,
            permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        ).exclude(permission__in=names).delete()
        for name in names:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=name
            )


def _rename_or_create(Group, old, new):
    group = Group.objects.filter(name=new).first() or Group.objects.filter(name=old).first()
    if group is None:
        return Group.objects.create(name=new)
    if group.name != new:
        group.name = new
        group.save(update_fields=["name"])
    return group


def _set_up_workflow(apps, root, moderators) -> None:
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    task = GroupApprovalTask.objects.filter(groups=moderators).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK,
            active=True,
            content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        )
        task.groups.set([moderators])
    elif task.name != TASK:
        task.name = TASK
        task.save(update_fields=["name"])

    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    elif workflow.name != WORKFLOW:
        workflow.name = WORKFLOW
        workflow.save(update_fields=["name"])
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
