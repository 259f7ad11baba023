from django.core.management.base import BaseCommand

from home.demo import load_demo_content


class Command(BaseCommand):
    help = "Build the demo site in Polish and English. Running it again changes nothing."

    def handle(self, *args, **options):
        result = load_demo_content()
        self.stdout.write(self.style.SUCCESS(str(result)))
