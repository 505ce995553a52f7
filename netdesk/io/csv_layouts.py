"""What the columns of a contacts CSV hold, from the words of its header.

Two tools, both pure functions of the header row:

- `translate_outlook(header)`: Outlook writes its export header in the language of the Office
  install ("Vorname", "Prénom", "名"...). The cells are translated back to the English column
  names the Outlook reader knows, and the language is returned (its dates are day-first).
- `guess_columns(header)`: a best-guess `ColumnMap` (column index -> `Field`) for any other
  header, from the words in each cell in English, German, French, Spanish, Italian, Dutch,
  Portuguese, Polish, Russian and Japanese. Phones and emails are recognised by any cell that
  names them ("General mobile", "Home Phone 2", "E-mail 2 Address", "Tel. privat"), with the
  label ("mobile", "work", "home fax") taken from the same words.

The column-mapping step of the import window is built on `Field` and `ColumnMap`: the reader
offers its guess, the user corrects it, and `reading.read_file(path, columns=...)` reads the file
with the corrected map. `Field.IGNORE` (or leaving a column out of the map) skips a column.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

__all__ = [
    "ColumnMap",
    "Field",
    "guess_columns",
    "guess_from_values",
    "has_identity",
    "header_language",
    "label_of",
    "normalise",
    "translate_outlook",
]


class Field(StrEnum):
    """What one CSV column holds."""

    GIVEN = "given"
    FAMILY = "family"
    FULL_NAME = "full name"
    ADDITIONAL = "middle name"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    NICKNAME = "nickname"
    EMAIL = "email"
    PHONE = "phone"
    ORGANISATION = "organisation"
    DEPARTMENT = "department"
    TITLE = "title"
    BIRTHDAY = "birthday"
    NOTES = "notes"
    ADDRESS = "address"
    WEBSITE = "website"
    TAGS = "tags"
    BIRTH_YEAR = "birth year"  # Thunderbird splits the birthday in three columns
    BIRTH_MONTH = "birth month"
    BIRTH_DAY = "birth day"
    IGNORE = "ignore"


ColumnMap = dict[int, Field]
IDENTITY = frozenset({Field.GIVEN, Field.FAMILY, Field.FULL_NAME, Field.NICKNAME, Field.EMAIL,
                      Field.PHONE, Field.ORGANISATION})


def normalise(cell: str) -> str:
    """Lower case, no accents, no BOM, quotes or trailing colon, single spaces."""
    text = unicodedata.normalize("NFKD", cell.replace("\ufeff", ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.strip().strip("\"'").rstrip(":").lower().split())


# --- Outlook in other languages --------------------------------------------------------------
# Outlook's "Export to a file > Comma Separated Values" header as localised Office installs
# write it (Outlook 2010 to 365); the English names are those `csv_readers` maps.
_OUTLOOK_COMMON = {
    "First Name", "Last Name", "Middle Name", "Company", "Job Title", "Department",
    "E-mail Address", "Business Phone", "Home Phone", "Mobile Phone", "Birthday", "Notes",
}
_OUTLOOK: dict[str, dict[str, str]] = {
    "de": {
        "Anrede": "Title", "Vorname": "First Name", "Weitere Vornamen": "Middle Name",
        "Nachname": "Last Name", "Suffix": "Suffix", "Firma": "Company",
        "Abteilung": "Department", "Position": "Job Title",
        "Straße geschäftlich": "Business Street", "Ort geschäftlich": "Business City",
        "Region geschäftlich": "Business State",
        "Postleitzahl geschäftlich": "Business Postal Code",
        "Land/Region geschäftlich": "Business Country/Region", "Straße privat": "Home Street",
        "Ort privat": "Home City", "Bundesland/Kanton privat": "Home State",
        "Postleitzahl privat": "Home Postal Code", "Land/Region privat": "Home Country/Region",
        "Fax geschäftlich": "Business Fax", "Telefon geschäftlich": "Business Phone",
        "Telefon geschäftlich 2": "Business Phone 2", "Autotelefon": "Car Phone",
        "Telefon Firma": "Company Main Phone", "Fax privat": "Home Fax",
        "Telefon privat": "Home Phone", "Telefon privat 2": "Home Phone 2",
        "Mobiltelefon": "Mobile Phone", "Weiteres Fax": "Other Fax",
        "Weiteres Telefon": "Other Phone", "Pager": "Pager", "Haupttelefon": "Primary Phone",
        "Telefon Assistent": "Assistant's Phone", "E-Mail-Adresse": "E-mail Address",
        "E-Mail 2: Adresse": "E-mail 2 Address", "E-Mail 3: Adresse": "E-mail 3 Address",
        "Geburtstag": "Birthday", "Jahrestag": "Anniversary", "Notizen": "Notes",
        "Kategorien": "Categories", "Webseite": "Web Page", "Spitzname": "Nickname",
        "Kinder": "Children", "Partner": "Spouse", "Hobby": "Hobby",
    },
    "fr": {
        "Titre": "Title", "Prénom": "First Name", "Deuxième prénom": "Middle Name",
        "Nom": "Last Name", "Suffixe": "Suffix", "Société": "Company", "Service": "Department",
        "Fonction": "Job Title", "Rue (bureau)": "Business Street",
        "Ville (bureau)": "Business City", "Dép/Région (bureau)": "Business State",
        "Code postal (bureau)": "Business Postal Code",
        "Pays/Région (bureau)": "Business Country/Region", "Rue (domicile)": "Home Street",
        "Ville (domicile)": "Home City", "Dép/Région (domicile)": "Home State",
        "Code postal (domicile)": "Home Postal Code",
        "Pays/Région (domicile)": "Home Country/Region",
        "Télécopie (bureau)": "Business Fax", "Téléphone (bureau)": "Business Phone",
        "Téléphone 2 (bureau)": "Business Phone 2", "Téléphone (voiture)": "Car Phone",
        "Téléphone société": "Company Main Phone", "Télécopie (domicile)": "Home Fax",
        "Téléphone (domicile)": "Home Phone", "Téléphone 2 (domicile)": "Home Phone 2",
        "Tél. mobile": "Mobile Phone", "Télécopie (autre)": "Other Fax",
        "Téléphone (autre)": "Other Phone", "Récepteur de radiomessagerie": "Pager",
        "Téléphone principal": "Primary Phone", "Adresse de messagerie": "E-mail Address",
        "Adresse de messagerie 2": "E-mail 2 Address",
        "Adresse de messagerie 3": "E-mail 3 Address", "Anniversaire": "Birthday",
        "Anniversaire de mariage": "Anniversary", "Notes": "Notes",
        "Catégories": "Categories", "Page Web": "Web Page", "Surnom": "Nickname",
    },
    "es": {
        "Tratamiento": "Title", "Nombre": "First Name", "Segundo nombre": "Middle Name",
        "Apellidos": "Last Name", "Sufijo": "Suffix", "Organización": "Company",
        "Compañía": "Company", "Departamento": "Department", "Puesto": "Job Title",
        "Calle del trabajo": "Business Street", "Ciudad de trabajo": "Business City",
        "Código postal del trabajo": "Business Postal Code",
        "País o región del trabajo": "Business Country/Region",
        "Calle del domicilio": "Home Street", "Ciudad de residencia": "Home City",
        "Código postal de residencia": "Home Postal Code",
        "País o región del domicilio": "Home Country/Region",
        "Fax del trabajo": "Business Fax", "Teléfono del trabajo": "Business Phone",
        "Teléfono del trabajo 2": "Business Phone 2", "Fax particular": "Home Fax",
        "Particular": "Home Phone", "Teléfono particular": "Home Phone",
        "Teléfono particular 2": "Home Phone 2", "Móvil": "Mobile Phone",
        "Teléfono móvil": "Mobile Phone", "Otro teléfono": "Other Phone",
        "Localizador": "Pager", "Teléfono principal": "Primary Phone",
        "Dirección de correo electrónico": "E-mail Address",
        "Dirección de correo electrónico 2": "E-mail 2 Address",
        "Dirección de correo electrónico 3": "E-mail 3 Address",
        "Cumpleaños": "Birthday", "Aniversario": "Anniversary", "Notas": "Notes",
        "Categorías": "Categories", "Página Web": "Web Page", "Sobrenombre": "Nickname",
    },
    "it": {
        "Titolo": "Title", "Nome": "First Name", "Secondo nome": "Middle Name",
        "Cognome": "Last Name", "Suffisso": "Suffix", "Società": "Company",
        "Reparto": "Department", "Posizione": "Job Title", "Via (uff.)": "Business Street",
        "Città (uff.)": "Business City", "Provincia (uff.)": "Business State",
        "CAP (uff.)": "Business Postal Code", "Paese (uff.)": "Business Country/Region",
        "Via (ab.)": "Home Street", "Città (ab.)": "Home City", "Provincia (ab.)": "Home State",
        "CAP (ab.)": "Home Postal Code", "Paese (ab.)": "Home Country/Region",
        "Fax (uff.)": "Business Fax", "Ufficio": "Business Phone",
        "Telefono (uff.)": "Business Phone", "Telefono (uff.) 2": "Business Phone 2",
        "Fax (ab.)": "Home Fax", "Abitazione": "Home Phone", "Telefono (ab.)": "Home Phone",
        "Telefono (ab.) 2": "Home Phone 2", "Cellulare": "Mobile Phone",
        "Altro telefono": "Other Phone", "Cercapersone": "Pager",
        "Telefono principale": "Primary Phone",
        "Indirizzo posta elettronica": "E-mail Address",
        "Indirizzo posta elettronica 2": "E-mail 2 Address",
        "Indirizzo posta elettronica 3": "E-mail 3 Address", "Compleanno": "Birthday",
        "Anniversario": "Anniversary", "Note": "Notes", "Categorie": "Categories",
        "Pagina Web": "Web Page", "Nome alternativo": "Nickname",
    },
    "nl": {
        "Titel": "Title", "Voornaam": "First Name", "Middelste naam": "Middle Name",
        "Achternaam": "Last Name", "Achtervoegsel": "Suffix", "Bedrijf": "Company",
        "Afdeling": "Department", "Functie": "Job Title",
        "Werkadres, straat": "Business Street", "Werkadres, plaats": "Business City",
        "Werkadres, postcode": "Business Postal Code",
        "Werkadres, land/regio": "Business Country/Region",
        "Huisadres, straat": "Home Street", "Huisadres, plaats": "Home City",
        "Huisadres, postcode": "Home Postal Code", "Huisadres, land/regio": "Home Country/Region",
        "Fax op werk": "Business Fax", "Telefoon op werk": "Business Phone",
        "Telefoon op werk 2": "Business Phone 2", "Fax thuis": "Home Fax",
        "Telefoon thuis": "Home Phone", "Telefoon thuis 2": "Home Phone 2",
        "Mobiele telefoon": "Mobile Phone", "Andere telefoon": "Other Phone",
        "Pieper": "Pager", "Hoofdtelefoon": "Primary Phone", "E-mailadres": "E-mail Address",
        "E-mailadres 2": "E-mail 2 Address", "E-mailadres 3": "E-mail 3 Address",
        "Verjaardag": "Birthday", "Jubileum": "Anniversary", "Notities": "Notes",
        "Categorieën": "Categories", "Webpagina": "Web Page", "Bijnaam": "Nickname",
    },
    "pt": {
        "Tratamento": "Title", "Nome": "First Name", "Segundo Nome": "Middle Name",
        "Sobrenome": "Last Name", "Apelido": "Last Name", "Sufixo": "Suffix",
        "Empresa": "Company", "Departamento": "Department", "Cargo": "Job Title",
        "Rua Comercial": "Business Street", "Cidade Comercial": "Business City",
        "Estado Comercial": "Business State", "CEP Comercial": "Business Postal Code",
        "País/Região Comercial": "Business Country/Region", "Rua Residencial": "Home Street",
        "Cidade Residencial": "Home City", "CEP Residencial": "Home Postal Code",
        "País/Região Residencial": "Home Country/Region",
        "Fax Comercial": "Business Fax", "Telefone Comercial": "Business Phone",
        "Telefone Comercial 2": "Business Phone 2", "Fax Residencial": "Home Fax",
        "Telefone Residencial": "Home Phone", "Telefone Residencial 2": "Home Phone 2",
        "Telefone Celular": "Mobile Phone", "Telemóvel": "Mobile Phone",
        "Outro Telefone": "Other Phone", "Pager": "Pager",
        "Telefone Principal": "Primary Phone", "Endereço de Email": "E-mail Address",
        "Endereço de correio eletrónico": "E-mail Address",
        "Endereço de Email 2": "E-mail 2 Address", "Endereço de Email 3": "E-mail 3 Address",
        "Aniversário": "Birthday", "Aniversário de Casamento": "Anniversary",
        "Anotações": "Notes", "Notas": "Notes", "Categorias": "Categories",
        "Página da Web": "Web Page",
    },
    "pl": {
        "Tytuł": "Title", "Imię": "First Name", "Drugie imię": "Middle Name",
        "Nazwisko": "Last Name", "Sufiks": "Suffix", "Firma": "Company", "Dział": "Department",
        "Stanowisko": "Job Title", "Ulica (służbowy)": "Business Street",
        "Miasto (służbowy)": "Business City", "Kod pocztowy (służbowy)": "Business Postal Code",
        "Kraj/region (służbowy)": "Business Country/Region", "Ulica (domowy)": "Home Street",
        "Miasto (domowy)": "Home City", "Kod pocztowy (domowy)": "Home Postal Code",
        "Kraj/region (domowy)": "Home Country/Region", "Faks służbowy": "Business Fax",
        "Telefon służbowy": "Business Phone", "Telefon służbowy 2": "Business Phone 2",
        "Faks domowy": "Home Fax", "Telefon domowy": "Home Phone",
        "Telefon domowy 2": "Home Phone 2", "Telefon komórkowy": "Mobile Phone",
        "Inny telefon": "Other Phone", "Pager": "Pager", "Telefon podstawowy": "Primary Phone",
        "Adres e-mail": "E-mail Address", "Adres e-mail 2": "E-mail 2 Address",
        "Adres e-mail 3": "E-mail 3 Address", "Urodziny": "Birthday",
        "Rocznica": "Anniversary", "Notatki": "Notes", "Kategorie": "Categories",
        "Strona sieci Web": "Web Page", "Pseudonim": "Nickname",
    },
    "ru": {
        "Обращение": "Title", "Имя": "First Name", "Отчество": "Middle Name",
        "Фамилия": "Last Name", "Суффикс": "Suffix", "Организация": "Company",
        "Отдел": "Department", "Должность": "Job Title",
        "Улица (раб. адрес)": "Business Street", "Город (раб. адрес)": "Business City",
        "Индекс (раб. адрес)": "Business Postal Code",
        "Страна или регион (раб. адрес)": "Business Country/Region",
        "Улица (дом. адрес)": "Home Street", "Город (дом. адрес)": "Home City",
        "Индекс (дом. адрес)": "Home Postal Code",
        "Страна или регион (дом. адрес)": "Home Country/Region", "Рабочий факс": "Business Fax",
        "Рабочий телефон": "Business Phone", "Телефон раб. 2": "Business Phone 2",
        "Домашний факс": "Home Fax", "Домашний телефон": "Home Phone",
        "Телефон дом. 2": "Home Phone 2", "Телефон переносной": "Mobile Phone",
        "Мобильный телефон": "Mobile Phone", "Другой телефон": "Other Phone",
        "Пейджер": "Pager", "Основной телефон": "Primary Phone",
        "Адрес эл. почты": "E-mail Address", "Адрес 2 эл. почты": "E-mail 2 Address",
        "Адрес 3 эл. почты": "E-mail 3 Address", "День рождения": "Birthday",
        "Годовщина": "Anniversary", "Заметки": "Notes", "Категории": "Categories",
        "Веб-страница": "Web Page",
    },
    "ja": {
        "敬称": "Title", "名": "First Name", "ミドル ネーム": "Middle Name", "姓": "Last Name",
        "会社名": "Company", "部署": "Department", "役職": "Job Title",
        "会社 番地": "Business Street", "会社 市区町村": "Business City",
        "会社 都道府県": "Business State", "会社 郵便番号": "Business Postal Code",
        "会社 国": "Business Country/Region", "自宅 番地": "Home Street",
        "自宅 市区町村": "Home City", "自宅 都道府県": "Home State",
        "自宅 郵便番号": "Home Postal Code", "自宅 国": "Home Country/Region",
        "会社 FAX": "Business Fax", "会社電話": "Business Phone",
        "会社電話 2": "Business Phone 2", "自宅 FAX": "Home Fax", "自宅電話": "Home Phone",
        "自宅電話 2": "Home Phone 2", "携帯電話": "Mobile Phone",
        "その他の電話": "Other Phone", "ポケットベル": "Pager", "代表電話": "Primary Phone",
        "電子メール アドレス": "E-mail Address", "電子メール 2 アドレス": "E-mail 2 Address",
        "電子メール 3 アドレス": "E-mail 3 Address", "誕生日": "Birthday",
        "記念日": "Anniversary", "メモ": "Notes", "分類": "Categories", "Web ページ": "Web Page",
    },
}
_OUTLOOK_NORMALISED = {
    language: {normalise(local): english for local, english in table.items()}
    for language, table in _OUTLOOK.items()
}


def translate_outlook(header: list[str]) -> tuple[list[str], str] | None:
    """(the header in Outlook's English names, language) for a localised Outlook export."""
    cells = [normalise(cell) for cell in header]
    if {"first name", "last name"} <= set(cells):
        return None  # English: nothing to translate
    best, best_hits = "", 0
    for language, table in _OUTLOOK_NORMALISED.items():
        hits = sum(1 for cell in cells if cell in table)
        if hits > best_hits:
            best, best_hits = language, hits
    if not best:
        return None
    table = _OUTLOOK_NORMALISED[best]
    english = [table.get(cell, original) for cell, original in zip(cells, header, strict=True)]
    named = {"First Name", "Last Name"} <= set(english)
    if not named or len(set(english) & _OUTLOOK_COMMON) < 4:
        return None
    return english, best


def header_language(header: list[str]) -> str:
    """The language of a header ("de", "ja"...), or "" when English or unknown."""
    translated = translate_outlook(header)
    if translated:
        return translated[1]
    words = {normalise(cell) for cell in header}
    for language, table in _OUTLOOK_NORMALISED.items():
        if len(words & table.keys()) >= 2 and not words & _ENGLISH_WORDS:
            return language
    return ""


# --- any header: words -> fields ---------------------------------------------------------------
_PHRASES: dict[Field, tuple[str, ...]] = {
    Field.GIVEN: ("first name", "first", "given name", "given", "firstname", "forename",
                  "vorname", "prenom", "nombre", "nome", "voornaam", "imie", "имя", "名"),
    Field.FAMILY: ("last name", "last", "surname", "family name", "family", "lastname",
                   "nachname", "nom", "nom de famille", "apellidos", "apellido", "cognome",
                   "achternaam", "sobrenome", "nazwisko", "фамилия", "姓"),
    Field.FULL_NAME: ("name", "full name", "display name", "formatted name", "contact name",
                      "contact", "anzeigename", "nom complet", "nombre completo",
                      "nome completo", "weergavenaam", "volledige naam", "nazwa wyswietlana",
                      "полное имя", "отображаемое имя", "表示名", "氏名", "名前"),
    Field.ADDITIONAL: ("middle name", "middle", "additional name", "additional names",
                       "weitere vornamen", "deuxieme prenom", "segundo nombre", "secondo nome",
                       "middelste naam", "segundo nome", "drugie imie", "отчество",
                       "ミドル ネーム", "ミドルネーム"),
    Field.PREFIX: ("prefix", "name prefix", "honorific prefixes", "anrede", "civilite",
                   "tratamiento", "aanhef", "tratamento", "zwrot grzecznosciowy", "обращение",
                   "敬称"),
    Field.SUFFIX: ("suffix", "name suffix", "honorific suffixes", "suffixe", "sufijo",
                   "suffisso", "achtervoegsel", "sufixo", "sufiks", "суффикс"),
    Field.NICKNAME: ("nickname", "nick name", "spitzname", "surnom", "apodo", "sobrenombre",
                     "soprannome", "bijnaam", "pseudonim", "псевдоним", "ニックネーム"),
    Field.ORGANISATION: ("company", "organization", "organisation", "organization name",
                         "company name", "firma", "societe", "entreprise", "compania",
                         "organizacion", "empresa", "societa", "azienda", "bedrijf",
                         "organizacja", "организация", "компания", "会社名", "会社", "所属"),
    Field.DEPARTMENT: ("department", "abteilung", "service", "departamento", "reparto",
                       "afdeling", "dzial", "отдел", "部署"),
    Field.TITLE: ("job title", "title", "position", "role", "jobtitle", "organization title",
                  "arbeitstitel", "fonction", "poste", "puesto", "cargo", "posizione",
                  "qualifica", "functie", "stanowisko", "должность", "役職"),
    Field.BIRTHDAY: ("birthday", "birth date", "birthdate", "date of birth", "dob",
                     "geburtstag", "geburtsdatum", "anniversaire", "date de naissance",
                     "cumpleanos", "fecha de nacimiento", "compleanno", "data di nascita",
                     "verjaardag", "geboortedatum", "aniversario", "data de nascimento",
                     "urodziny", "data urodzenia", "день рождения", "дата рождения", "誕生日",
                     "生年月日"),
    Field.BIRTH_YEAR: ("birth year", "geburtsjahr", "annee de naissance", "ano de nacimiento",
                       "anno di nascita", "geboortejaar", "rok urodzenia", "год рождения",
                       "誕生年"),
    Field.BIRTH_MONTH: ("birth month", "geburtsmonat", "mois de naissance", "mes de nacimiento",
                        "mese di nascita", "geboortemaand", "miesiac urodzenia",
                        "месяц рождения", "誕生月"),
    Field.BIRTH_DAY: ("birth day", "jour de naissance", "dia de nacimiento",
                      "giorno di nascita", "geboortedag", "dzien urodzenia"),
    Field.NOTES: ("notes", "note", "notizen", "notiz", "bemerkungen", "anmerkungen",
                  "commentaire", "commentaires", "notas", "nota", "notities", "opmerkingen",
                  "anotacoes", "notatki", "uwagi", "заметки", "примечания", "комментарий",
                  "メモ", "備考", "comments", "comment", "description"),
    Field.TAGS: ("categories", "category", "kategorien", "kategorie", "categorias",
                 "categorie", "categorieen", "категории", "分類", "labels", "groups", "group",
                 "tags", "gruppen", "groupes", "grupos", "gruppi", "groepen", "grupy",
                 "группы"),
    Field.WEBSITE: ("web page", "website", "homepage", "home page", "web site", "url",
                    "webseite", "page web", "pagina web", "webpagina", "pagina da web",
                    "strona sieci web", "веб-страница", "web ページ", "personal website",
                    "business website", "personal web page", "business web page",
                    "web page 1", "web page 2", "webseite 1", "webseite 2"),
    Field.IGNORE: ("screen name", "messenger id", "im address", "distribution lists",
                   "private", "mail client", "uid", "id", "custom 1", "custom 2", "custom 3",
                   "custom 4", "gender", "photo", "role", "profile", "blog feed"),
}
_EXACT = {phrase: field for field, phrases in _PHRASES.items() for phrase in phrases}
_ENGLISH_WORDS = frozenset({"first name", "first", "given name", "last name", "last", "surname",
                            "family name", "name", "full name", "email", "e-mail address"})

_WORK = ("work", "business", "office", "company", "geschaftlich", "dienstlich", "buro",
         "bureau", "travail", "arbeit", "professionnel", "trabajo", "oficina", "uff", "ufficio",
         "lavoro", "werk", "zakelijk", "comercial", "trabalho", "sluzbow", "раб", "служеб", "会社",
         "勤務先", "仕事")
_HOME = ("home", "private", "privat", "personal", "domicile", "particular", "casa", "ab.",
         "abitazione", "thuis", "prive", "residencial", "domow", "дом", "自宅")
_MOBILE = ("mobile", "mobil", "cell", "handy", "portable", "movil", "cellulare", "mobiele",
           "celular", "telemovel", "komork", "мобил", "сотов", "переносн", "携帯")
_FAX = ("fax", "telecopie", "faks", "факс")
_PAGER = ("pager", "beeper", "radiomessagerie", "localizador", "cercapersone", "pieper",
          "пейджер", "ポケットベル")
_MAIN = ("main", "primary", "haupt", "principal", "principale", "hoofd", "podstawow",
         "основн", "代表")
_OTHER = ("other", "weitere", "autre", "otro", "altro", "andere", "outro", "inny", "друг",
          "その他")
_PHONE = ("phone", "tel", "telefon", "telephone", "telefono", "telefone", "telefoon",
          "телефон", "電話", "isdn", "car phone", "callback", "radio", *_MOBILE, *_FAX,
          *_PAGER)
_EMAIL = ("e-mail", "email", "mail", "courriel", "correo", "posta elettronica", "почт",
          "メール")
_EMAIL_META = ("display", "anzeige", "angezeigt", "type", "typ", "affich", "mostrar",
               "visualizzat", "weergave", "wyswietlan", "отображ", "表示", "tipo", "тип",
               "種類", "client", "format")
_ADDRESS = ("street", "address", "city", "state", "region", "postal code", "zip", "zipcode",
            "zip code", "country", "po box", "strasse", "ort", "plz", "postleitzahl", "land",
            "bundesland", "rue", "ville", "code postal", "pays", "calle", "ciudad",
            "codigo postal", "pais", "via", "citta", "cap", "provincia", "straat", "plaats",
            "postcode", "rua", "cidade", "cep", "estado", "ulica", "miasto", "kod pocztowy",
            "kraj", "улица", "город", "индекс", "страна", "адрес", "住所", "番地", "市区町村",
            "郵便番号", "都道府県", "国", "adresse", "direccion", "indirizzo", "adres",
            "endereco")


def _has(text: str, words: tuple[str, ...]) -> bool:
    """A word of `words` in `text`. Short Latin words must stand alone ("tel" is not in
    "hotel"); longer ones may be part of a compound ("Mobiltelefon", "E-mailadres"), as may
    words of scripts without spaces."""
    for word in words:
        if word.isascii() and len(word) < 5:
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text):
                return True
        elif word in text:
            return True
    return False


def label_of(cell: str) -> str:
    """"mobile", "work", "home fax", "pager", "main", "other" or "" from a column's words."""
    text = normalise(cell)
    place = "work" if _has(text, _WORK) else "home" if _has(text, _HOME) else ""
    if _has(text, _FAX):
        return f"{place} fax".strip()
    for words, label in ((_MOBILE, "mobile"), (_PAGER, "pager"), (_MAIN, "main")):
        if _has(text, words):
            return label
    if place:
        return place
    return "other" if _has(text, _OTHER) else ""


def classify(cell: str) -> Field | None:
    """The field a header cell names, or None when its words say nothing netdesk knows."""
    text = normalise(cell)
    if not text:
        return None
    exact = _EXACT.get(text) or _EXACT.get(re.sub(r"\s*\d+$", "", text))
    if exact is not None:
        return exact
    if _has(text, _EMAIL):
        return Field.IGNORE if _has(text, _EMAIL_META) else Field.EMAIL
    if _has(text, _PHONE):
        return Field.PHONE
    if _has(text, _ADDRESS):
        return Field.ADDRESS
    if _has(text, ("birthday", "geburtstag", "誕生日", "день рождения")):
        return Field.BIRTHDAY
    return None


def guess_columns(header: list[str], overrides: dict[str, Field] | None = None) -> ColumnMap:
    """A best guess of what each column holds; columns with unknown words are left out.

    `overrides` (normalised header text -> field) is how a known layout says what its own
    ambiguous words mean (Yahoo's and Palm's bare "Home" and "Work" columns are phones).
    """
    columns: ColumnMap = {}
    for index, cell in enumerate(header):
        field = (overrides or {}).get(normalise(cell)) or classify(cell)
        if field is not None and field is not Field.IGNORE:
            columns[index] = field
    if Field.BIRTH_YEAR in columns.values() and Field.BIRTH_MONTH in columns.values():
        # Thunderbird: with year and month columns beside it, "Geburtstag"/"誕生日" is the day
        for index, field in columns.items():
            if field is Field.BIRTHDAY:
                columns[index] = Field.BIRTH_DAY
    return columns


def has_identity(columns: ColumnMap) -> bool:
    """Whether a map names anything that can make a person (a name, an email, a phone...)."""
    return any(field in IDENTITY for field in columns.values())


_EMAIL_VALUE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_PHONE_VALUE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
_DATE_VALUE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def guess_from_values(rows: list[list[str]]) -> ColumnMap:
    """A column map for a file without a header, from what its first rows hold: emails, phones,
    dates, and a name in the first column of words."""
    width = max((len(row) for row in rows), default=0)
    columns: ColumnMap = {}
    for index in range(width):
        values = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        field = _field_of_values(values)
        if field is not None:
            columns[index] = field
    if columns and Field.FULL_NAME not in columns.values():
        for index in range(width):
            values = [row[index] for row in rows if index < len(row) and row[index].strip()]
            if index not in columns and values and all(
                    any(char.isalpha() for char in value) for value in values):
                columns[index] = Field.FULL_NAME
                break
    return columns


def _field_of_values(values: list[str]) -> Field | None:
    if not values:
        return None
    for pattern, field in ((_EMAIL_VALUE, Field.EMAIL), (_DATE_VALUE, Field.BIRTHDAY),
                           (_PHONE_VALUE, Field.PHONE)):
        matching = [value for value in values if pattern.match(value)]
        digits_ok = field is not Field.PHONE or all(
            sum(char.isdigit() for char in value) >= 6 for value in matching)
        if len(matching) * 2 > len(values) and digits_ok:
            return field
    return None
