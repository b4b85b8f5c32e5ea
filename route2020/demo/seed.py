"""The real content of the seed page "Route 2020 ontwikkel-agenda" (verbatim Dutch)."""

from datetime import date

# (title, date, precision, paragraphs) oldest first; a paragraph that is a list is a <ul>.
NEWS = [
    (
        "VOB bestuur geeft opdracht voor branche ontwikkelplan",
        date(2015, 2, 1),
        "maand",
        [
            "Het VOB bestuur heeft besloten de, door de leden, gevraagde acties en plannen samen "
            "te bundelen tot een integraal branche Ontwikkelplan. Dit plan kan bij vaststelling "
            "ervan ook de nu geldende strategische brancheagenda 2012 - 2016 in een vloeiende "
            "overgang opvolgen. In het Jaarplan 2015 van de vereniging staat ook dat er een opmaat "
            "zou komen voor een nieuwe brancheagenda. Het bureau voert nu gesprekken met personen "
            "die dit traject kunnen gaan trekken.",
        ],
    ),
    (
        "Besluit ledenvergadering",
        date(2015, 6, 1),
        "maand",
        [
            "De ledenvergadering heeft ingestemd met de uitwerking van vijf thema's voor het "
            "branche ontwikkelplan 'Route 2020' en heeft het bestuur verzocht om een "
            "uitvoeringsplan op te stellen. Op basis van een enquête in maart onder de leden heeft "
            "het bestuur de volgende thema's gelokaliseerd:",
            [
                "positionering van de bibliotheken als partner in persoonlijke ontwikkeling;",
                "positionering van de bibliotheken in het brede maatschappelijke domein;",
                "ontwikkeling naar brede multifunctionele organisaties;",
                "stimuleren van maatschappelijk ondernemerschap en;",
                "en collectieve marketing.",
            ],
        ],
    ),
    (
        "Actieplannen",
        date(2015, 6, 1),
        "maand",
        [
            "Het bestuur zal in de zomer een uitvoeringsplan 'Route 2020' op laten stellen en "
            "deze, na bespreking in de bestuursvergadering van 4 september, toezenden aan de leden. "
            "Zodat de vijf thema's, in samenspraak met de leden, dit najaar uitgewerkt kunnen worden "
            "tot concrete, meerjarige actieplannen.",
            "Het bestuur zal op basis van deze actieplannen bij de begroting 2016 financiële "
            "middelen beschikbaar stellen voor Route 2020. Dit wordt ter besluitvorming aan de "
            "algemene ledenvergadering van 10 december 2015 voorgelegd.",
            "Jellie Tiemersma (PersonalToo) voert in opdracht van de VOB uit.",
        ],
    ),
    (
        "Op ontdekkingsreis",
        date(2015, 6, 1),
        "maand",
        [
            "Het bestuur van de VOB heeft het bureau opdracht gegeven om, samen met de leden, een "
            "branche ontwikkel-agenda te formuleren. Er zijn diverse aanleidingen:",
            [
                "Ten eerste de vraag van leden in de laatste alv om actie door de VOB op het gebied "
                "van de positionering van de openbare bibliotheken in het sociale domein.",
                "In deze alv vroegen leden ook om aandacht voor de trend richting brede "
                "culturele/educatieve organisaties waar de bibliotheekfuncties onderdeel van "
                "worden.",
                "En het bestuur deed zelf enkele voorstellen voor besteding van het VOB vermogen, "
                "waarvan de leden zeiden dan eerst graag een 'innovatieagenda' te willen zien.",
                "Ook was er de roep om meer collectieve marketinginspanningen.",
            ],
        ],
    ),
    (
        "Route 2020 het startschot",
        date(2015, 9, 1),
        "maand",
        [
            "Het plan van aanpak 'Route 2020: het startschot' is een handreiking waarmee we snel "
            "tot meer concrete actieplannen kunnen komen zodat deze plannen kunnen worden "
            "voorgelegd aan de leden op de alv van 10 december.",
            "Route 2020 is het vervolg op de huidige strategienota 'De Bibliotheek levert waarde' "
            "die afloopt in 2016. Voor het opstellen van dit plan zijn gesprekken gevoerd met "
            "diverse partners en sleutelfiguren uit de branche om te inventariseren wat de wensen "
            "en ideeën zijn. Net als bij de enquête heeft de VOB ook bij het opstellen van het plan "
            "van aanpak zeer gehecht aan inbreng van de leden.",
        ],
    ),
    (
        "Klankbordgroep Route 2020",
        date(2016, 4, 1),
        "maand",
        [
            "Op 28 april 2016 komt de Klankbordgroep Route2020 voor de eerste keer bijeen. "
            "Deelnemers:",
            [
                "Ans Mebelder (directeur-bestuurder Kulturhus Haaksbergen)",
                "Mariet Wolterbeek (directeur Bibliotheek Z-O-U-T)",
                "Tom de Rooij (directeur-bestuurder De Domijnen Sittard-Geleen)",
                "Albert Kivits (directeur-bestuurder Bibliotheek Eindhoven)",
                "René Leermakers (directeur NBD Biblion)",
                "Astrid Vrolijk (directeur-bestuurder Stadkamer Zwolle)",
                "Karin Meijerman (directeur Bibliotheek Drachten)",
                "Wieb Broekhuijsen (directeur Bibliotheek West-Achterhoek) deel.",
            ],
        ],
    ),
    (
        "Ga mee op reis: eerste acties",
        date(2016, 4, 1),
        "maand",
        [
            "Ga mee op ontdekkingsreis met Route 2020! Alleen met de support van bibliotheken "
            "kunnen we er samen een bijzonder interessante reis van maken. Onder het motto "
            "'Reis mee!' roepen wij jullie voor nu op tot 4 acties:",
            [
                "Actie 1 - Deel met ons: Deel goede en slechte praktijkvoorbeelden over ondernemen "
                "en samenwerken waar we allemaal iets aan kunnen hebben. Doe dat bij onze "
                "regiogidsen 'Ondernemen en Samenwerken'.",
                "Actie 2 - Kom naar de PleisterPlaatsOntmoetingen: attendeer jullie omgeving op "
                "PleisterPlaatsOntmoetingen en doe er zelf aan mee.",
                "Actie 3 - Volg de Reisflitsen en verspreid ze: vanaf nu verspreiden we "
                "Reisflitsen zodra er nieuws is om te delen.",
                "Actie 4 - Benut BiebtoBieb als ons reiskanaal.",
            ],
            "Lees meer in de ledenbrief 'Ga mee op reis: eerste 4 acties Route 2020'.",
        ],
    ),
    (
        "Trendsactive gekozen voor campagne 'De Bibliotheek'",
        date(2016, 4, 1),
        "maand",
        [
            "Trendsactive heeft van de actielijn positionering en marketing uit Route2020 de "
            "opdracht gekregen, om de Bibliotheek te positioneren als partner in persoonlijke "
            "ontwikkeling.",
        ],
    ),
    (
        "Verkenning door regiogidsen",
        date(2016, 4, 1),
        "maand",
        [
            "Vier collega's trekken er in april, mei en juni 2016 op uit om bij de Bibliotheken "
            "projecten, acties, werkwijzen op te halen die interessant zijn om uit te wisselen. De "
            "verkenningstocht is gericht op het HOE, geïllustreerd met concrete voorbeelden.",
            "HOE is 'de Bibliotheek' bezig met vernieuwing, met waardecreatie en WAT gebeurt er in "
            "de dagelijkse praktijk? HOE pakken die initiatieven uit, welke ervaringen en effecten "
            "zijn er te delen? Het leidt in juli 2016 tot een Reisadvies om specifieke proeftuinen "
            "te starten. Lees meer over de verkenning.",
        ],
    ),
    (
        "Campagne de Bibliotheek maakt je rijker",
        date(2017, 1, 1),
        "jaar",
        [
            "Vanaf 1 mei volgt er een nieuwe campagneperiode voor de positionering van de "
            'Bibliotheek. Het thema is mei 2017 is "Glansrijk" en richt zich op '
            "eindexamenkandidaten. De online media-inzet wordt via het budget voor de campagne "
            "landelijk ingekocht.",
            "Na de zomer willen we verder met:",
            [
                "Fantasierijk (belang van voorlezen in combinatie met de start van het "
                "schooljaar);",
                "en Initiatiefrijk (aanbod voor persoonlijke ontwikkeling voor volwassenen zoals "
                "cursussen maar ook bijvoorbeeld Taalhuis of Walk&talk).",
            ],
            "Deze thema's worden nog verder uitgewerkt.",
            "Namens het campagneteam en het marketingteam zijn enkele leden direct betrokken "
            "geweest bij het advies voor deze glansrijk-campagne, Miranda de Jong en Heleen Aalpol "
            "vanuit het campagneteam en Erma van Lamoen, Coen van Hoogdalem en Frans Bergfeld "
            "vanuit het marketingteam.",
        ],
    ),
    (
        "Delen maakt je rijker: 100% bibliotheken!",
        date(2017, 11, 1),
        "maand",
        [
            "Op 20 november presenteerden bibliotheken hun innovatieve projecten in de vorm van "
            "acht parels en vijftien deel-je-rijk-sessies tijdens 'Delen maakt je rijker: 100% "
            "bibliotheken' in Cultura, Ede.",
            "Prinses Laurentien (erevoorzitter van de Vereniging van Openbare Bibliotheken) ging "
            "de dialoog aan met het publiek en riep op om je vooral ook kwetsbaar op te durven "
            'stellen "Innovatie is niet delen wat je weet, maar vooral delen wat je niet weet".',
            "Bibliotheken in Nederland ontwikkelen zich razendsnel en spelen vindingrijk in op hun "
            "veranderende rol in de samenleving. Bibliotheken werken samen met het onderwijs, "
            "ondernemers, maatschappelijke partners en gemeenten om iedereen de kans te bieden zich "
            "te ontwikkelen naar behoeften en vermogen. Vanuit het programma Route 2020 deelden "
            "bibliotheken hun proeftuinen en parels met collega's, lokale samenwerkingspartners, "
            "ambtenaren, bestuurders, ondernemers en onderwijspartners.",
        ],
    ),
    (
        "Route 2020 gaat door",
        date(2017, 11, 1),
        "maand",
        [
            "De Koninklijke Bibliotheek (KB), Stichting Samenwerkende POI's Nederland (SPN) en de "
            "Vereniging van Openbare Bibliotheken (VOB) hebben tijdens de bijeenkomst op 20 "
            "november aangekondigd gezamenlijk verder te gaan op de ingeslagen weg voor innovatie "
            "van bibliotheken.",
            "De samenkomst van de KB innovatieagenda, de POI innovatiecommunities en VOB's Route "
            "2020 werden tijdens de bijeenkomst geïllustreerd met een symbolisch filmpje. Innovatie "
            "is overal, en is overal noodzakelijk. Voorop in de samenwerking staat het samenbrengen "
            "van de verschillende initiatieven om de opgedane ervaringen te delen en verder te "
            "brengen in het netwerk.",
        ],
    ),
]

# The five themes of the 2015 member survey: (number, slug, title, short title).
THEMES = [
    (
        1,
        "persoonlijke-ontwikkeling",
        "Positionering van de bibliotheken als partner in persoonlijke ontwikkeling",
        "Persoonlijke ontwikkeling",
    ),
    (
        2,
        "maatschappelijk-domein",
        "Positionering van de bibliotheken in het brede maatschappelijke domein",
        "Maatschappelijk domein",
    ),
    (
        3,
        "multifunctionele-organisaties",
        "Ontwikkeling naar brede multifunctionele organisaties",
        "Multifunctionele organisaties",
    ),
    (
        4,
        "maatschappelijk-ondernemerschap",
        "Stimuleren van maatschappelijk ondernemerschap",
        "Maatschappelijk ondernemerschap",
    ),
    (5, "collectieve-marketing", "Collectieve marketing", "Collectieve marketing"),
]

# Organisations named in the seed: name, kind, partner type, municipality, province, lat, lon.
ORGANISATIONS = [
    # fmt: off
    (
        "Vereniging van Openbare Bibliotheken",
        "partner",
        "vereniging",
        "Den Haag",
        "PV28",
        52.0705,
        4.3007,
    ),
    ("Koninklijke Bibliotheek", "partner", "kb", "Den Haag", "PV28", 52.0810, 4.3270),
    ("Stichting Samenwerkende POI's Nederland", "partner", "poi", "", None, None, None),
    ("Kulturhus Haaksbergen", "bibliotheek", "", "Haaksbergen", "PV23", 52.1567, 6.7389),
    ("Bibliotheek Z-O-U-T", "bibliotheek", "", "Houten", "PV26", 52.0283, 5.1681),
    ("De Domijnen Sittard-Geleen", "bibliotheek", "", "Sittard-Geleen", "PV31", 50.9983, 5.8681),
    ("Bibliotheek Eindhoven", "bibliotheek", "", "Eindhoven", "PV30", 51.4416, 5.4697),
    ("NBD Biblion", "partner", "leverancier", "Leidschendam-Voorburg", "PV28", 52.0850, 4.3883),
    ("Stadkamer Zwolle", "bibliotheek", "", "Zwolle", "PV23", 52.5168, 6.0830),
    ("Bibliotheek Drachten", "bibliotheek", "", "Smallingerland", "PV21", 53.1066, 6.0997),
    ("Bibliotheek West-Achterhoek", "bibliotheek", "", "Doetinchem", "PV25", 51.9650, 6.2886),
    ("Trendsactive", "partner", "bureau", "", None, None, None),
    ("PersonalToo", "partner", "bureau", "", None, None, None),
    ("Cultura Ede", "partner", "cultuur", "Ede", "PV25", 52.0402, 5.6649),
    # fmt: on
]

# Groups named in the seed: (slug, title, intro, [(name, job title, organisation, role)]).
GROUPS = [
    (
        "klankbordgroep",
        "Klankbordgroep Route 2020",
        "Directeuren van bibliotheken uit het hele land en NBD Biblion denken mee over de koers "
        "van Route 2020. Op 28 april 2016 kwam de klankbordgroep voor het eerst bijeen.",
        [
            ("Ans Mebelder", "directeur-bestuurder", "Kulturhus Haaksbergen", ""),
            ("Mariet Wolterbeek", "directeur", "Bibliotheek Z-O-U-T", ""),
            ("Tom de Rooij", "directeur-bestuurder", "De Domijnen Sittard-Geleen", ""),
            ("Albert Kivits", "directeur-bestuurder", "Bibliotheek Eindhoven", ""),
            ("René Leermakers", "directeur", "NBD Biblion", ""),
            ("Astrid Vrolijk", "directeur-bestuurder", "Stadkamer Zwolle", ""),
            ("Karin Meijerman", "directeur", "Bibliotheek Drachten", ""),
            ("Wieb Broekhuijsen", "directeur", "Bibliotheek West-Achterhoek", ""),
        ],
    ),
    (
        "campagneteam",
        "Campagneteam",
        "Het campagneteam adviseert over de landelijke campagne 'de Bibliotheek maakt je "
        "rijker'. Miranda de Jong en Heleen Aalpol werkten mee aan het advies voor de "
        "Glansrijk-campagne van mei 2017.",
        [("Miranda de Jong", "", None, ""), ("Heleen Aalpol", "", None, "")],
    ),
    (
        "marketingteam",
        "Marketingteam",
        "Het marketingteam werkt aan de collectieve marketing van de bibliotheken, het vijfde "
        "thema van Route 2020, en brengt de ervaring van de bibliotheken zelf in.",
        [
            ("Erma van Lamoen", "", None, ""),
            ("Coen van Hoogdalem", "", None, ""),
            ("Frans Bergfeld", "", None, ""),
        ],
    ),
]

HOME_TITLE = "Route 2020 ontwikkel-agenda"
HOME_INTRO = "Route 2020 is van, voor en door de bibliotheken."
HOME_TEXT = (
    "De bibliotheekorganisaties worden voor deze ontdekkingsreis op verschillende manieren "
    "betrokken."
)
QUOTE = (
    "Innovatie is niet delen wat je weet, maar vooral delen wat je niet weet",
    "Prinses Laurentien, erevoorzitter van de Vereniging van Openbare Bibliotheken",
)
