import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if no superuser exists. The password comes from "
        "ADMIN_PASSWORD, or is generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator account exists already.")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(self.style.SUCCESS("Created the administrator 'admin'."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the administrator 'admin' with the password: {password}\n"
                    "It is shown only this once."
                )
            )
