"""The demo site: the real announcement of 10 June 2025, structured, and a demo one to come.

``load_demo_content`` builds each thing once: a later run, on a database full of editors' work,
makes only what it never made and changes nothing (``DemoContentBuilder``).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import AccessibilityStatementPage, DemoRecord, HomePage, StandardPage
from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)
from meetings.translation import MissingTranslationError, translate

WARSAW = ZoneInfo("Europe/Warsaw")

DEPARTMENT = "Wydział Polityki Społecznej, Równości i Zdrowia"
PLENIPOTENTIARY = "Pełnomocnik Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych"
CONSULTATION = "Program Współpracy Gminy Miejskiej Kraków na rok 2026"
REFERENCE_TITLE = (
    "Spotkania branżowe dla trzeciego sektora - założenia do Programu Współpracy na rok 2026"
)
REFERENCE_LEAD = (
    "Wydział Polityki Społecznej, Równości i Zdrowia Urzędu Miasta Krakowa wraz z "
    "Pełnomocnikiem Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych, w ramach prac nad "
    "projektem Programu Współpracy Gminy Miejskiej Kraków na rok 2026 z organizacjami "
    "pozarządowymi, zapraszają przedstawicielki i przedstawicieli trzeciego sektora na 2 "
    "spotkania branżowe."
)
REFERENCE_VENUE_PARAGRAPH = (
    "Oba spotkania odbędą się <b>w sali konferencyjnej Wydziału w lokalizacji ul. Dekerta 24 "
    "(III piętro)</b>, a ich tematem będzie zebranie propozycji organizacji pozarządowych, "
    "odnośnie projektu programu współpracy na rok 2026."
)
REFERENCE_TOPIC = (
    "Zebranie propozycji organizacji pozarządowych odnośnie projektu programu współpracy "
    "na rok 2026"
)
REFERENCE_SLUG = "spotkania-branzowe-dla-trzeciego-sektora-2026"
DEMO_SLUG = "demo-spotkania-konsultacyjne"
INVITATION = "Serdecznie zapraszamy!"
SCHEDULE_LINK = "Harmonogram spotkań"
# The programme's own page in the city's public information bulletin (BIP).
PROGRAMME_URL = "https://www.bip.krakow.pl/?dok_id=52019"

# Each meeting's spheres, by legal point, as the reference announcement lists them.
REFERENCE_MEETINGS = [
    (date(2025, 6, 10), ["5", "5a", "9", "13", "15", "22", "26", "33"]),
    (date(2025, 6, 24), ["13", "7", "29", "10", "15", "31", "6", "32"]),
]

DEMO_TITLE = "[DEMO] Spotkania konsultacyjne — przykładowe ogłoszenie"
DEMO_LEAD = (
    "To ogłoszenie jest przykładem (treść demonstracyjna): pokazuje nadchodzące spotkania "
    "w harmonogramie."
)
DEMO_BODY = "Treść przykładowa, przygotowana do pokazania możliwości serwisu."
DEMO_TOPICS = [
    "Kultura i dziedzictwo w programie współpracy — spotkanie przykładowe",
    "Ekologia i ochrona zwierząt — spotkanie przykładowe (online)",
    "Sport i turystyka — spotkanie przykładowe",
]
DEMO_ONLINE_URL = "https://spotkania.example.org/online/demo"

# English for every string the demo content has; wagtail-localize asks for each one.
ENGLISH = {
    "Spotkania branżowe": "Consultation meetings",
    "home": "home",
    "Spotkania branżowe organizacji pozarządowych z Urzędem Miasta Krakowa: ogłoszenia, "
    "harmonogram i sfery pożytku publicznego.": "Consultation meetings of non-governmental "
    "organisations with Kraków City Hall: announcements, the schedule and the spheres of "
    "public benefit.",
    "Ogłoszenia": "Announcements",
    "ogloszenia": "announcements",
    "Ogłoszenia o spotkaniach branżowych z organizacjami pozarządowymi.": "Announcements of "
    "consultation meetings with non-governmental organisations.",
    "Harmonogram spotkań": "Schedule of meetings",
    "harmonogram": "schedule",
    "Wszystkie spotkania z ogłoszeń, od najbliższego.": "All meetings from the announcements, "
    "the next one first.",
    "Deklaracja dostępności": "Accessibility statement",
    "deklaracja-dostepnosci": "accessibility-statement",
    DEPARTMENT: "Department of Social Policy, Equality and Health",
    PLENIPOTENTIARY: "Plenipotentiary of the Mayor of Kraków for Non-Governmental Organisations",
    CONSULTATION: "Kraków's Programme of Cooperation with NGOs for 2026",
    "Sala konferencyjna Wydziału Polityki Społecznej, Równości i Zdrowia": "Conference room of "
    "the Department of Social Policy, Equality and Health",
    "ul. Dekerta 24": "ul. Dekerta 24",
    "+48 12 616 78 23": "+48 12 616 78 23",
    "30-703": "30-703",
    "31-012": "31-012",
    "Kraków": "Kraków",
    "III piętro": "3rd floor",
    "Centrum Obywatelskie [DEMO]": "Civic Centre [DEMO]",
    "ul. Reformacka 3": "ul. Reformacka 3",
    "sala 1": "room 1",
    "parter": "ground floor",
    REFERENCE_TITLE: "Consultation meetings for the third sector - the basis for the "
    "Programme of Cooperation for 2026",
    "spotkania-branzowe-dla-trzeciego-sektora-2026": "consultation-meetings-third-sector-2026",
    REFERENCE_LEAD: "The Department of Social Policy, Equality and Health of Kraków City Hall, "
    "together with the Plenipotentiary of the Mayor of Kraków for Non-Governmental "
    "Organisations, as part of the work on the draft Programme of Cooperation of the Municipality "
    "of Kraków with non-governmental organisations for 2026, invites representatives of the "
    "third sector to 2 consultation meetings.",
    REFERENCE_VENUE_PARAGRAPH: "Both meetings will take place <b>in the Department's conference "
    "room at ul. Dekerta 24 (3rd floor)</b>, and their subject will be collecting the proposals "
    "of non-governmental organisations for the draft programme of cooperation for 2026.",
    REFERENCE_TOPIC: "Collecting the proposals of non-governmental organisations for the draft "
    "programme of cooperation for 2026",
    INVITATION: "You are warmly invited!",
    SCHEDULE_LINK: "Schedule of meetings",
    DEMO_TITLE: "[DEMO] Consultation meetings — a sample announcement",
    "demo-spotkania-konsultacyjne": "demo-consultation-meetings",
    DEMO_LEAD: "This announcement is an example (demo content): it shows upcoming meetings in the "
    "schedule.",
    DEMO_BODY: "Sample content, prepared to show what the site can do.",
    DEMO_TOPICS[0]: "Culture and heritage in the programme of cooperation — a sample meeting",
    DEMO_TOPICS[1]: "Ecology and animal protection — a sample meeting (online)",
    DEMO_TOPICS[2]: "Sport and tourism — a sample meeting",
    DEMO_ONLINE_URL: DEMO_ONLINE_URL,
    "Rejestracja do dnia poprzedzającego spotkanie.": "Registration until the day before the "
    "meeting.",
    "Spotkanie odwołane z powodu choroby prowadzącej; nowy termin podamy w harmonogramie.": "The "
    "meeting is cancelled because the host is ill; the new date will appear in the schedule.",
    "Deklaracja dostępności serwisu Spotkania branżowe, przygotowana zgodnie z ustawą z dnia 4 "
    "kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów "
    "publicznych.": "The accessibility statement of the Consultation meetings site, prepared "
    "under the Act of 4 April 2019 on the digital accessibility of websites and mobile "
    "applications of public bodies.",
}

ACCESSIBILITY_BODY = (
    "<p>Deklaracja dostępności serwisu Spotkania branżowe, przygotowana zgodnie z ustawą z dnia "
    "4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych "
    "podmiotów publicznych.</p>"
)

STATEMENT_NOT_ACCESSIBLE = [
    "Dokumenty (PDF, DOCX i inne) dodawane do ogłoszeń przez redakcję mogą nie być w pełni "
    "dostępne.",
    "Materiały osadzone z innych serwisów (np. filmy) mogą nie mieć napisów ani audiodeskrypcji.",
]
STATEMENT_EXEMPTION = (
    "Pliki opublikowane przed 23 września 2018 r. są wyłączone z obowiązku zapewnienia "
    "dostępności (art. 3 ust. 2 ustawy)."
)
STATEMENT_ARCHITECTURE = (
    "Spotkania odbywają się w miejscach wymienionych poniżej; przy każdym podajemy to, co "
    "wiemy o jego dostępności."
)
STATEMENT = {
    "compliance_status": "partial",
    "non_accessible_content": "<ul>"
    + "".join(f"<li>{item}</li>" for item in STATEMENT_NOT_ACCESSIBLE)
    + "</ul>",
    "exemptions": f"<p>{STATEMENT_EXEMPTION}</p>",
    "assessment_method": "self",
    "contact_name": DEPARTMENT,
    "contact_email": "ps.umk@um.krakow.pl",
    "contact_phone": "+48 12 616 78 23",
    "architectural_accessibility": f"<p>{STATEMENT_ARCHITECTURE}</p>",
}
ENGLISH.update(
    {
        STATEMENT_NOT_ACCESSIBLE[0]: "Documents (PDF, DOCX and others) that editors add to "
        "announcements may not be fully accessible.",
        STATEMENT_NOT_ACCESSIBLE[1]: "Material embedded from other services (such as videos) "
        "may have no captions or audio description.",
        STATEMENT_EXEMPTION: "Files published before 23 September 2018 are exempt from the "
        "duty of accessibility (Article 3(2) of the Act).",
        STATEMENT_ARCHITECTURE: "Meetings take place at the venues listed below; for each we "
        "give what we know of its accessibility.",
        "ps.umk@um.krakow.pl": "ps.umk@um.krakow.pl",
    }
)

DEPARTMENT_ADDRESS = "ul. Dekerta 24\n30-703 Kraków"
PRIVACY_TITLE = "Ochrona danych osobowych"
PRIVACY_PARAGRAPHS = [
    "Serwis nie zbiera danych osobowych osób, które go czytają: nie ma formularzy ani kont "
    "dla mieszkańców i nie używa plików cookie do analityki ani reklam.",
    "Pliki cookie zapisuje tylko panel redakcji, u osób, które się do niego logują: sesję "
    "i ochronę formularzy.",
    "Aby chronić serwis przed nadużyciami, serwer przez minutę liczy zapytania z danego adresu IP.",
    "Kto jest administratorem danych przetwarzanych przez Urząd Miasta Krakowa i jak się z nim "
    "skontaktować, podaje klauzula informacyjna w Biuletynie Informacji Publicznej.",
]
ENGLISH.update(
    {
        PRIVACY_TITLE: "Personal data protection",
        "ochrona-danych": "data-protection",
        PRIVACY_PARAGRAPHS[0]: "The site collects no personal data from the people who read "
        "it: it has no forms or accounts for residents and uses no cookies for analytics or "
        "advertising.",
        PRIVACY_PARAGRAPHS[1]: "Only the editors' admin sets cookies, for the people who sign "
        "in to it: the session and the protection of forms.",
        PRIVACY_PARAGRAPHS[2]: "To protect the site from abuse, the server counts the requests "
        "from each IP address for a minute.",
        PRIVACY_PARAGRAPHS[3]: "Who controls the data that Kraków City Hall processes, and how "
        "to contact them, is set out in the information clause in the Public Information "
        "Bulletin.",
        # wagtail-localize takes a text's line breaks for <br/>.
        "ul. Dekerta 24<br/>30-703 Kraków": "ul. Dekerta 24<br/>30-703 Kraków",
    }
)


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self):
        lines = ["Created: " + ", ".join(self.created)] if self.created else []
        lines += self.notes
        return "\n".join(lines) or "Demo content is complete; nothing changed."


class DemoContentBuilder:
    """Builds what the demo has never built, and nothing else.

    Each thing the demo makes (a page, a snippet, a translation, the site's address) is kept
    in ``DemoRecord`` under a key of its own. A recorded thing is never touched again: an
    editor may change, unpublish or delete it, and the next run leaves it so. What an earlier
    version of the demo made before it kept records is recognised by its slug or name and
    recorded as it is. Editors' own pages and snippets are never read, changed or translated.
    """

    def __init__(self, *, today: date | None = None):
        self.today = today or timezone.localdate()
        self.polish = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.english, _ = Locale.objects.get_or_create(language_code="en")
        self.records = {record.key: record for record in DemoRecord.objects.all()}
        self.result = DemoResult()

    def build(self) -> DemoResult:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            self.result.notes.append(
                "The default site's root page is not the example site's home page: "
                "no demo content was added."
            )
            return self.result
        self._point_site_at_base_url(site)
        self._home(home)
        privacy = self._child(
            "page:privacy",
            home,
            StandardPage,
            slug="ochrona-danych",
            title=PRIVACY_TITLE,
            body="".join(f"<p>{paragraph}</p>" for paragraph in PRIVACY_PARAGRAPHS),
        )
        self._footer(home, privacy)
        department = self._snippet(
            "organizer:department",
            Organizer,
            name=DEPARTMENT,
            email="ps.umk@um.krakow.pl",
            phone="+48 12 616 78 23",
            website="https://www.krakow.pl",
        )
        plenipotentiary = self._snippet(
            "organizer:plenipotentiary",
            Organizer,
            name=PLENIPOTENTIARY,
            email="organizacje@um.krakow.pl",
            website="https://ngo.krakow.pl",
        )
        consultation = self._snippet(
            "consultation:2026", Consultation, title=CONSULTATION, url=PROGRAMME_URL
        )
        dekerta = self._snippet(
            "venue:dekerta",
            Venue,
            name="Sala konferencyjna Wydziału Polityki Społecznej, Równości i Zdrowia",
            street_address="ul. Dekerta 24",
            postal_code="30-703",
            city="Kraków",
            floor="III piętro",
            latitude="50.047176",
            longitude="19.957541",
        )
        civic_centre = self._snippet(
            "venue:civic-centre",
            Venue,
            name="Centrum Obywatelskie [DEMO]",
            street_address="ul. Reformacka 3",
            postal_code="31-012",
            city="Kraków",
            room="sala 1",
            floor="parter",
            step_free_access=True,
            induction_loop=True,
        )
        index = self._child(
            "page:announcements",
            home,
            AnnouncementIndexPage,
            slug="ogloszenia",
            title="Ogłoszenia",
            intro="Ogłoszenia o spotkaniach branżowych z organizacjami pozarządowymi.",
        )
        schedule = self._child(
            "page:schedule",
            home,
            SchedulePage,
            slug="harmonogram",
            title="Harmonogram spotkań",
            intro="Wszystkie spotkania z ogłoszeń, od najbliższego.",
        )
        self._child(
            "page:accessibility-statement",
            home,
            AccessibilityStatementPage,
            slug="deklaracja-dostepnosci",
            title="Deklaracja dostępności",
            body=ACCESSIBILITY_BODY,
            site_published_on=self.today,
            site_updated_on=self.today,
            prepared_on=self.today,
            **STATEMENT,
        )
        organizers = [o for o in (department, plenipotentiary) if o is not None]
        if index is not None:
            self._once(
                "announcement:reference",
                MeetingAnnouncementPage,
                find=lambda: self._existing_child(index, MeetingAnnouncementPage, REFERENCE_SLUG),
                make=lambda: self._reference_announcement(
                    index, schedule, organizers, consultation, dekerta
                ),
                label="reference announcement of 2025-06-10",
            )
            self._once(
                "announcement:demo",
                MeetingAnnouncementPage,
                find=lambda: self._existing_child(index, MeetingAnnouncementPage, DEMO_SLUG),
                make=lambda: self._demo_announcement(
                    index, organizers[-1:], consultation, civic_centre
                ),
                label="demo announcement",
            )
        self._translate_all()
        return self.result

    # --- Records ----------------------------------------------------------------------------

    def _record(self, key: str, obj=None, value: str = "") -> None:
        record, _ = DemoRecord.objects.update_or_create(
            key=key, defaults={"object_id": obj.pk if obj is not None else None, "value": value}
        )
        self.records[key] = record

    def _once(self, key: str, model, *, find, make, label: str):
        """The object recorded under ``key`` (``None`` if an editor deleted it); else the one
        an earlier demo made (``find``), recorded as it is; else a new one (``make``)."""
        record = self.records.get(key)
        if record is not None:
            return model.objects.filter(pk=record.object_id).first()
        obj = find()
        if obj is None:
            obj = make()
            self.result.created.append(label)
        self._record(key, obj)
        return obj

    def _made(self, keys_and_models):
        """What the demo made and still exists, as (key, object)."""
        for key, model in keys_and_models:
            record = self.records.get(key)
            if record is not None and record.object_id is not None:
                obj = model.objects.filter(pk=record.object_id).first()
                if obj is not None:
                    yield key, obj

    # --- The site ---------------------------------------------------------------------------

    def _point_site_at_base_url(self, site: Site):
        """Absolute links (feeds, calendars) use the site's host, never the request's. The
        address is set while it is Wagtail's first one or the one the demo set; an address an
        administrator chose is theirs."""
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        wanted = (base.hostname, base.port or (443 if base.scheme == "https" else 80))
        current = (site.hostname, site.port)
        record = self.records.get("site:address")
        ours = (
            current == ("localhost", 80)
            if record is None
            else record.value == f"{site.hostname}:{site.port}"
        )
        if not ours:
            if record is None:
                self._record("site:address", site, value="")
            return
        if current != wanted:
            site.hostname, site.port = wanted
            site.save()
            self.result.created.append(f"site address {wanted[0]}:{wanted[1]}")
        self._record("site:address", site, value=f"{wanted[0]}:{wanted[1]}")

    def _home(self, home: HomePage) -> None:
        """The home page's title and introduction, once, while no one has edited the page."""
        if "page:home" in self.records:
            return
        intro = (
            "Spotkania branżowe organizacji pozarządowych z Urzędem Miasta Krakowa: ogłoszenia, "
            "harmonogram i sfery pożytku publicznego."
        )
        if home.latest_revision_id is None:
            home.title = home.draft_title = "Spotkania branżowe"
            home.intro = intro
            home.save_revision().publish()
            self.result.created.append("home page")
        self._record("page:home", home)

    def _footer(self, home: HomePage, privacy) -> None:
        """The footer's contacts, once, on a home page whose footer no one has filled."""
        if "home:footer" in self.records:
            return
        home = HomePage.objects.get(pk=home.pk)
        # An editor's draft of the home page is theirs: publishing over it would bury it.
        unfilled = not (home.organiser_name or home.contact_email or home.bip_url)
        if unfilled and not home.has_unpublished_changes:
            home.organiser_name = DEPARTMENT
            home.organiser_address = DEPARTMENT_ADDRESS
            home.contact_email = "ps.umk@um.krakow.pl"
            home.contact_phone = "+48 12 616 78 23"
            home.bip_url = "https://www.bip.krakow.pl"
            home.privacy_page = privacy
            home.save_revision().publish()
            self.result.created.append("footer of the home page")
        self._record("home:footer", home)

    def _snippet(self, key: str, model, **fields):
        lookup = "title" if "title" in fields else "name"
        return self._once(
            key,
            model,
            find=lambda: (
                model.objects.filter(locale=self.polish, **{lookup: fields[lookup]})
                .order_by("pk")
                .first()
            ),
            make=lambda: model.objects.create(locale=self.polish, **fields),
            label=f"{model._meta.model_name} {fields[lookup]}",
        )

    def _existing_child(self, parent: Page, model, slug: str):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _child(self, key: str, parent: Page, model, *, slug: str, **fields) -> Page | None:
        def make():
            page = model(slug=slug, locale=self.polish, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        return self._once(
            key,
            model,
            find=lambda: self._existing_child(parent, model, slug),
            make=make,
            label=f"page /{slug}/",
        )

    def _spheres(self, numbers: list[str]) -> list[Sphere]:
        by_number = {
            s.number: s for s in Sphere.objects.filter(locale=self.polish, number__in=numbers)
        }
        return [by_number[number] for number in numbers if number in by_number]

    # --- The announcements ------------------------------------------------------------------

    def _reference_announcement(self, index, schedule, organizers, consultation, venue):
        meetings = [
            Meeting(
                topic=REFERENCE_TOPIC,
                start=datetime.combine(day, time(17), tzinfo=WARSAW),
                end=datetime.combine(day, time(19), tzinfo=WARSAW),
                attendance_mode=Meeting.AttendanceMode.IN_PERSON,
                venue=venue,
                spheres=self._spheres(numbers),
                sort_order=position,
            )
            for position, (day, numbers) in enumerate(REFERENCE_MEETINGS)
        ]
        schedule_link = (
            {"text": SCHEDULE_LINK, "page": schedule, "url": ""}
            if schedule is not None
            else {"text": SCHEDULE_LINK, "page": None, "url": "/harmonogram/"}
        )
        page = MeetingAnnouncementPage(
            title=REFERENCE_TITLE,
            slug=REFERENCE_SLUG,
            locale=self.polish,
            lead=REFERENCE_LEAD,
            publication_date=date(2025, 6, 10),
            consultation=consultation,
            organizer_links=[
                AnnouncementOrganizer(organizer=o, sort_order=i) for i, o in enumerate(organizers)
            ],
            meetings=meetings,
            body=[
                ("paragraph", f"<p>{REFERENCE_VENUE_PARAGRAPH}</p>"),
                ("paragraph", f"<p>{INVITATION}</p>"),
                ("call_to_action", schedule_link),
            ],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        self._dated_as_published(page)
        return page

    def _dated_as_published(self, page: Page) -> None:
        """The reference announcement carries the date it was published, not the day the demo
        was loaded (the source gives the day only)."""
        day = datetime.combine(REFERENCE_MEETINGS[0][0], time(0), tzinfo=WARSAW)
        Page.objects.filter(pk=page.pk).update(first_published_at=day, last_published_at=day)

    def _demo_announcement(self, index, organizers, consultation, venue):
        def at(weeks: int, hour: int, minutes: int = 0) -> datetime:
            day = self.today + timedelta(weeks=weeks)
            return datetime.combine(day, time(hour, minutes), tzinfo=WARSAW)

        meetings = [
            Meeting(
                topic=DEMO_TOPICS[0],
                start=at(1, 16),
                end=at(1, 18),
                venue=venue,
                spheres=self._spheres(["16", "4"]),
                registration=Meeting.Registration.REQUIRED,
                registration_email="ngo@example.org",
                registration_deadline=at(1, 12) - timedelta(days=1),
            ),
            Meeting(
                topic=DEMO_TOPICS[1],
                start=at(2, 10),
                end=at(2, 12, 30),
                attendance_mode=Meeting.AttendanceMode.ONLINE,
                online_url=DEMO_ONLINE_URL,
                spheres=self._spheres(["18"]),
            ),
            Meeting(
                topic=DEMO_TOPICS[2],
                start=at(3, 17),
                end=at(3, 19),
                attendance_mode=Meeting.AttendanceMode.HYBRID,
                online_url=DEMO_ONLINE_URL,
                venue=venue,
                spheres=self._spheres(["17", "19"]),
                status=Meeting.Status.CANCELLED,
                status_note=(
                    "Spotkanie odwołane z powodu choroby prowadzącej; nowy termin podamy "
                    "w harmonogramie."
                ),
            ),
        ]
        for position, meeting in enumerate(meetings):
            meeting.sort_order = position
        page = MeetingAnnouncementPage(
            title=DEMO_TITLE,
            slug=DEMO_SLUG,
            locale=self.polish,
            lead=DEMO_LEAD,
            consultation=consultation,
            organizer_links=[
                AnnouncementOrganizer(organizer=o, sort_order=i) for i, o in enumerate(organizers)
            ],
            meetings=meetings,
            body=[("paragraph", f"<p>{DEMO_BODY}</p>")],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    # --- English ----------------------------------------------------------------------------

    def _translate_all(self):
        """English for what the demo made, once each: snippets first, then pages from the
        top of the tree, so that each page's parent is translated before it. A thing that
        has an English version already (made by an editor, say) keeps it; a thing an editor
        has rewritten since is left for the editor to translate."""
        snippets = (
            ("organizer:department", Organizer),
            ("organizer:plenipotentiary", Organizer),
            ("consultation:2026", Consultation),
            ("venue:dekerta", Venue),
            ("venue:civic-centre", Venue),
        )
        pages = sorted(
            self._made(
                (key, Page)
                for key in (
                    "page:home",
                    "page:announcements",
                    "page:schedule",
                    "page:accessibility-statement",
                    "page:privacy",
                    "announcement:reference",
                    "announcement:demo",
                )
            ),
            key=lambda item: item[1].path,
        )
        for key, obj in [*self._made(snippets), *pages]:
            english_key = f"en:{key}"
            if english_key in self.records:
                continue
            obj = obj.specific if isinstance(obj, Page) else obj
            existing = obj.get_translation_or_none(self.english)
            if existing is None:
                try:
                    existing = translate(obj, locale=self.english, strings=ENGLISH)
                except MissingTranslationError:
                    self.result.notes.append(
                        f"Not translated, changed since the demo made it: {obj}."
                    )
                    continue
                self.result.created.append(f"English {obj._meta.model_name} {obj}")
                if key == "announcement:reference":
                    self._dated_as_published(existing)
            self._record(english_key, existing)


def load_demo_content(*, today: date | None = None) -> DemoResult:
    return DemoContentBuilder(today=today).build()
