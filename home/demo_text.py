"""The demo's texts: the reference announcement's Polish, as published, and each text's
translation into the languages the demo is translated to (wagtail-localize asks for every
string of a page or snippet, so each dictionary has the same keys)."""

from datetime import date

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

# Ukrainian for every string the demo content has, with the same keys as ENGLISH.
UKRAINIAN = {
    "Spotkania branżowe": "Галузеві зустрічі",
    "home": "home",
    "Spotkania branżowe organizacji pozarządowych z Urzędem Miasta Krakowa: ogłoszenia, "
    "harmonogram i sfery pożytku publicznego.": "Галузеві зустрічі неурядових організацій "
    "з Міською управою Кракова: оголошення, графік і сфери суспільно корисної діяльності.",
    "Ogłoszenia": "Оголошення",
    "ogloszenia": "oholoshennia",
    "Ogłoszenia o spotkaniach branżowych z organizacjami pozarządowymi.": "Оголошення про "
    "галузеві зустрічі з неурядовими організаціями.",
    "Harmonogram spotkań": "Графік зустрічей",
    "harmonogram": "hrafik",
    "Wszystkie spotkania z ogłoszeń, od najbliższego.": "Усі зустрічі з оголошень, починаючи "
    "з найближчої.",
    "Deklaracja dostępności": "Декларація доступності",
    "deklaracja-dostepnosci": "deklaratsiia-dostupnosti",
    DEPARTMENT: "Відділ соціальної політики, рівності та здоров’я",
    PLENIPOTENTIARY: "Уповноважений Президента міста Кракова з питань неурядових організацій",
    CONSULTATION: "Програма співпраці Міської гміни Краків на 2026 рік",
    "Sala konferencyjna Wydziału Polityki Społecznej, Równości i Zdrowia": "Конференц-зал "
    "Відділу соціальної політики, рівності та здоров’я",
    "ul. Dekerta 24": "ul. Dekerta 24",
    "+48 12 616 78 23": "+48 12 616 78 23",
    "30-703": "30-703",
    "31-012": "31-012",
    "Kraków": "Kraków",
    "III piętro": "4-й поверх (III piętro)",
    "Centrum Obywatelskie [DEMO]": "Громадський центр [DEMO]",
    "ul. Reformacka 3": "ul. Reformacka 3",
    "sala 1": "зал 1",
    "parter": "1-й поверх (parter)",
    REFERENCE_TITLE: "Галузеві зустрічі для третього сектору - основні засади Програми "
    "співпраці на 2026 рік",
    "spotkania-branzowe-dla-trzeciego-sektora-2026": "haluzevi-zustrichi-dlia-tretoho-sektoru-2026",
    REFERENCE_LEAD: "Відділ соціальної політики, рівності та здоров’я Міської управи Кракова "
    "разом з Уповноваженим Президента міста Кракова з питань неурядових організацій у межах "
    "роботи над проєктом Програми співпраці Міської гміни Краків з неурядовими організаціями "
    "на 2026 рік запрошує представниць і представників третього сектору на 2 галузеві "
    "зустрічі.",
    REFERENCE_VENUE_PARAGRAPH: "Обидві зустрічі відбудуться <b>у конференц-залі Відділу за "
    "адресою ul. Dekerta 24 (4-й поверх, III piętro)</b>, а їхньою темою буде збір "
    "пропозицій неурядових організацій щодо проєкту програми співпраці на 2026 рік.",
    REFERENCE_TOPIC: "Збір пропозицій неурядових організацій щодо проєкту програми співпраці "
    "на 2026 рік",
    INVITATION: "Щиро запрошуємо!",
    SCHEDULE_LINK: "Графік зустрічей",
    DEMO_TITLE: "[DEMO] Консультаційні зустрічі — приклад оголошення",
    "demo-spotkania-konsultacyjne": "demo-konsultatsiini-zustrichi",
    DEMO_LEAD: "Це оголошення є прикладом (демонстраційний вміст): воно показує найближчі "
    "зустрічі в графіку.",
    DEMO_BODY: "Приклад тексту, підготовлений, щоб показати можливості сайту.",
    DEMO_TOPICS[0]: "Культура і спадщина в програмі співпраці — приклад зустрічі",
    DEMO_TOPICS[1]: "Екологія та захист тварин — приклад зустрічі (онлайн)",
    DEMO_TOPICS[2]: "Спорт і туризм — приклад зустрічі",
    DEMO_ONLINE_URL: DEMO_ONLINE_URL,
    "Rejestracja do dnia poprzedzającego spotkanie.": "Реєстрація триває до дня, що передує "
    "зустрічі.",
    "Spotkanie odwołane z powodu choroby prowadzącej; nowy termin podamy w "
    "harmonogramie.": "Зустріч скасовано через хворобу ведучої; нову дату буде оголошено в "
    "графіку.",
    "Deklaracja dostępności serwisu Spotkania branżowe, przygotowana zgodnie z ustawą z dnia 4 "
    "kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów "
    "publicznych.": "Декларація доступності сайту «Галузеві зустрічі», складена відповідно до "
    "Закону від 4 квітня 2019 року про цифрову доступність вебсайтів і мобільних застосунків "
    "публічних суб’єктів.",
    STATEMENT_NOT_ACCESSIBLE[0]: "Документи (PDF, DOCX та інші), які редакція додає до "
    "оголошень, можуть бути не повністю доступними.",
    STATEMENT_NOT_ACCESSIBLE[1]: "Матеріали, вбудовані з інших сервісів (наприклад, відео), "
    "можуть не мати субтитрів або аудіодескрипції.",
    STATEMENT_EXEMPTION: "Файли, опубліковані до 23 вересня 2018 року, звільнені від обов’язку "
    "забезпечення доступності (ч. 2 ст. 3 Закону).",
    STATEMENT_ARCHITECTURE: "Зустрічі відбуваються в місцях, перелічених нижче; для кожного з "
    "них ми наводимо те, що знаємо про його доступність.",
    "ps.umk@um.krakow.pl": "ps.umk@um.krakow.pl",
    PRIVACY_TITLE: "Захист персональних даних",
    "ochrona-danych": "zakhyst-danykh",
    PRIVACY_PARAGRAPHS[0]: "Сайт не збирає персональних даних осіб, які його читають: на ньому "
    "немає форм чи облікових записів для мешканців, і він не використовує файлів cookie ні для "
    "аналітики, ні для реклами.",
    PRIVACY_PARAGRAPHS[1]: "Файли cookie зберігає лише редакційна панель і лише в осіб, які в "
    "ній авторизуються: це сесія та захист форм.",
    PRIVACY_PARAGRAPHS[2]: "Щоб захистити сайт від зловживань, сервер протягом хвилини "
    "підраховує запити з кожної IP-адреси.",
    PRIVACY_PARAGRAPHS[3]: "Хто є адміністратором даних, які обробляє Міська управа Кракова, і "
    "як із ним зв’язатися, зазначено в інформаційному повідомленні в Бюлетені публічної "
    "інформації.",
    "ul. Dekerta 24<br/>30-703 Kraków": "ul. Dekerta 24<br/>30-703 Kraków",
}

# The demo is translated into each language listed here that the site has.
TRANSLATIONS = {"en": ENGLISH, "uk": UKRAINIAN}
