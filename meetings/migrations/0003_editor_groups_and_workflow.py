"""Editors ("Redaktorzy") write, moderators ("Moderatorzy") approve and publish.

Wagtail's own migrations create the groups "Editors" and "Moderators" and a one-step
moderation workflow on the root page; this gives them Polish names and the permissions the
meetings app needs, so that an editor's announcement goes live only after a moderator
approves it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktorzy"
MODERATORS = "Moderatorzy"
WORKFLOW = "Akceptacja moderatora"

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
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _rename_or_create(Group, old, new):
    group = Group.objects.filter(name=new).first() or Group.objects.filter(name=old).first()
    if group is None:
        return Group.objects.create(name=new)
    group.name = new
    group.save(update_fields=["name"])
    return group


def set_up(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    editors = _rename_or_create(Group, "Editors", EDITORS)
    moderators = _rename_or_create(Group, "Moderators", MODERATORS)

    for group, wanted in ((editors, EDITOR_PERMISSIONS), (moderators, MODERATOR_PERMISSIONS)):
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )

    task = GroupApprovalTask.objects.filter(groups=moderators).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Akceptacja przez moderatorów",
            active=True,
            content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        )
        task.groups.set([moderators])
    else:
        task.name = "Akceptacja przez moderatorów"
        task.save(update_fields=["name"])

    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        workflow.name = WORKFLOW
        workflow.save(update_fields=["name"])
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_locales_and_spheres"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
