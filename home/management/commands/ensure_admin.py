import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if no superuser exists. The password comes from "
        "ADMIN_PASSWORD, or is generated and printed once. An existing account is never "
        "changed."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        given = os.environ.get("ADMIN_PASSWORD")
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            username = existing.get_username()
            self.stdout.write(f"An administrator account exists already ('{username}').")
            if given:
                self.stdout.write(
                    self.style.WARNING(
                        "ADMIN_PASSWORD was not applied: existing accounts are never changed. "
                        "To set a new password, run: "
                        f"python manage.py changepassword {username}"
                    )
                )
            return
        password = given or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        if given:
            self.stdout.write(
                self.style.SUCCESS("Created the administrator 'admin' with ADMIN_PASSWORD.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the administrator 'admin' with the password: {password}\n"
                    "It is shown only this once; to set another, run: "
                    "python manage.py changepassword admin"
                )
            )
