"""The eight parels of 'Delen maakt je rijker' (20 November 2017, Cultura, Ede), written by hand.

The seed names the gathering and says there were eight parels, not which projects they were:
these are made up in that spirit, each credited to a library in the place it is about.
"""

from datetime import date

PARELS = [
    {
        "title": "De Bibliotheek op school in heel Twente",
        "organisation": "Bibliotheek Enschede",
        "theme": "persoonlijke-ontwikkeling",
        "summary": "De Twentse bibliotheken brachten samen met de schoolbesturen een "
        "schoolbibliotheek en een leesconsulent naar bijna elke basisschool in de regio. "
        "Na twee jaar lezen de leerlingen vaker en met meer plezier.",
        "start_date": date(2015, 8, 24),
        "end_date": date(2017, 7, 14),
        "budget_euros": 185000,
        "staff_hours": 3200,
        "results": "112 basisscholen doen mee. De leesmonitor laat zien dat het aandeel "
        "leerlingen dat in de vrije tijd leest steeg van 58% naar 71%.",
        "what_worked": "Eén aanspreekpunt per school en een vast uur per week voor de "
        "leesconsulent. De monitor gaf de scholen cijfers die ze zelf ook wilden hebben.",
        "what_did_not_work": "Kleine dorpsscholen vonden de collectiewissel van drie keer per "
        "jaar te veel werk; daar werkt nu een wisselkrat beter.",
        "lessons": "Sluit de afspraken met het schoolbestuur, niet met elke school apart, en "
        "spreek vooraf af wie de collectie betaalt.",
        "evidence": "De Monitor de Bibliotheek op school, twee metingen onder leerlingen en "
        "leerkrachten (2015 en 2017).",
        "contact_name": "Marloes Nijhuis",
        "partners": [
            ("onderwijs", "Twentse schoolbesturen (primair onderwijs)"),
            ("gemeente", "Regio Twente"),
        ],
        "steps": [
            ("Schoolbesturen winnen", "Per bestuur één convenant voor vier jaar."),
            ("Leesconsulenten opleiden", "Acht consulenten, elk voor veertien scholen."),
            ("Collectie plaatsen", "Per school 600 tot 1.200 boeken, drie keer per jaar vers."),
            ("Leesplan per school", "Met de leescoördinator van de school, elk jaar bijgesteld."),
            ("Meten en bespreken", "De monitor elk voorjaar, de uitkomst met team en directie."),
        ],
    },
    {
        "title": "Taalhuis Zwolle: van loket naar netwerk",
        "organisation": "Stadkamer Zwolle",
        "theme": "maatschappelijk-domein",
        "summary": "Het Taalhuis in de Stadkamer begon als een loket en werd een netwerk van "
        "veertig partners rond laaggeletterdheid. Elk jaar vinden honderden Zwollenaren er "
        "een taalmaatje of een cursus die bij hen past.",
        "start_date": date(2015, 1, 12),
        "end_date": date(2017, 6, 30),
        "budget_euros": 60000,
        "staff_hours": 1400,
        "results": "In 2016 vonden 412 mensen via het Taalhuis een taalmaatje of cursus; 38% "
        "kwam binnen via een partner en niet via de bibliotheek zelf.",
        "what_worked": "Partners die doorverwijzen krijgen altijd te horen wat er met hun "
        "verwijzing gebeurde. Dat hield ze erbij.",
        "what_did_not_work": "Het spreekuur op maandagochtend trok vrijwel niemand; een inloop "
        "op woensdagmiddag wel.",
        "lessons": "Een Taalhuis is geen plek maar een afspraak tussen partners. Leg die "
        "afspraak vast, met namen.",
        "evidence": "Registratie van verwijzingen en een evaluatie met de partners na twee jaar.",
        "contact_name": "Ingrid Wolters",
        "partners": [
            ("gemeente", "Gemeente Zwolle"),
            ("onderwijs", "Deltion College"),
            ("maatschappelijk", "Stichting Lezen en Schrijven"),
        ],
        "steps": [
            ("Partners in kaart", "Wie werkt al met laaggeletterden, en wie ziet ze?"),
            ("Afspraken maken", "Een convenant met verwijsroutes en één registratie."),
            ("Vrijwilligers trainen", "Taalmaatjes volgen drie avonden training."),
            ("Inloop openen", "Elke woensdagmiddag in de Stadkamer, zonder afspraak."),
            ("Terugkoppelen", "Elke partner hoort wat er met een verwijzing gebeurde."),
        ],
    },
    {
        "title": "Kulturhus Borne: bibliotheek, muziekschool en welzijn onder één dak",
        "organisation": "Bibliotheek Hengelo",
        "theme": "multifunctionele-organisaties",
        "summary": "In het Kulturhus in Borne delen de bibliotheek, de muziekschool en het "
        "welzijnswerk één gebouw, één balie en één programma. Bezoekers zien geen drie "
        "organisaties meer, maar één huis.",
        "start_date": date(2014, 9, 1),
        "end_date": date(2017, 3, 31),
        "budget_euros": 45000,
        "staff_hours": 900,
        "results": "Het aantal bezoekers steeg met een kwart. Een op de vijf nieuwe leden "
        "kwam voor een les of activiteit van een van de partners.",
        "what_worked": "Eén gezamenlijke programmaraad die elk kwartaal de agenda vaststelt.",
        "what_did_not_work": "Drie kassasystemen achter één balie: dat kostte baliemedewerkers "
        "een jaar lang extra werk.",
        "lessons": "Regel de gedeelde balie en de systemen vóór de opening, niet erna.",
        "evidence": "Bezoekerstellingen voor en na de verhuizing en een ledenenquête.",
        "contact_name": "Hans Oude Luttikhuis",
        "partners": [
            ("gemeente", "Gemeente Borne"),
            ("maatschappelijk", "Welzijn Borne"),
            ("anders", "Muziekschool Borne"),
        ],
        "steps": [
            ("Samen plannen", "Een stuurgroep van de drie directeuren en de gemeente."),
            ("Balie inrichten", "Eén balie, medewerkers opgeleid voor alle drie."),
            ("Programmaraad", "Elk kwartaal één agenda voor het hele huis."),
            ("Evalueren", "Na een jaar tellingen en gesprekken met bezoekers."),
        ],
    },
    {
        "title": "Ondernemersplein in de bibliotheek",
        "organisation": "Bibliotheek Eindhoven",
        "theme": "maatschappelijk-ondernemerschap",
        "summary": "Starters en zzp'ers vinden in de bibliotheek werkplekken, een spreekuur "
        "van de Kamer van Koophandel en elkaar. De bibliotheek verdient er een deel van de "
        "kosten mee terug.",
        "start_date": date(2016, 2, 1),
        "end_date": date(2017, 9, 30),
        "budget_euros": 22500,
        "staff_hours": 600,
        "results": "Gemiddeld 35 vaste gebruikers per week; 140 ondernemers bezochten het "
        "spreekuur van de KvK.",
        "what_worked": "De maandelijkse ondernemersborrel: daar ontstonden de samenwerkingen.",
        "what_did_not_work": "Betaalde vergaderruimtes verhuurden we nauwelijks; gratis "
        "werkplekken met een kleine bijdrage voor koffie wel.",
        "lessons": "Laat de ondernemers zelf het programma maken; de bibliotheek biedt het podium.",
        "evidence": "Gebruikstellingen en een enquête onder de vaste gebruikers.",
        "contact_name": "Sanne van den Heuvel",
        "partners": [
            ("ondernemers", "Kamer van Koophandel"),
            ("gemeente", "Gemeente Eindhoven"),
        ],
        "steps": [
            ("Ruimte vrijmaken", "Twintig werkplekken op de eerste verdieping."),
            ("Spreekuur regelen", "De KvK komt elke donderdag."),
            ("Community bouwen", "Een borrel per maand, door de ondernemers zelf geleid."),
            ("Kosten delen", "Een kleine maandbijdrage voor vaste gebruikers."),
        ],
    },
    {
        "title": "Digitaal Hulpplein: samen met de gemeente",
        "organisation": "Bibliotheek Z-O-U-T",
        "theme": "maatschappelijk-domein",
        "summary": "Inwoners van Houten krijgen in de bibliotheek hulp bij DigiD, toeslagen en "
        "de aangifte, van vrijwilligers die de gemeente en de belastingdienst samen opleiden.",
        "start_date": date(2016, 1, 11),
        "end_date": date(2017, 6, 30),
        "budget_euros": 15000,
        "staff_hours": 450,
        "results": "1.850 hulpvragen in anderhalf jaar; 70% was in één bezoek opgelost.",
        "what_worked": "Vrijwilligers met een achtergrond bij bank of administratiekantoor.",
        "what_did_not_work": "Hulp via de telefoon: mensen wilden het samen op het scherm zien.",
        "lessons": "Spreek met de gemeente af waar de hulp van de bibliotheek ophoudt en die van "
        "de gemeente begint.",
        "evidence": "Registratie van hulpvragen en een korte vragenlijst na elk bezoek.",
        "contact_name": "Kees Verhoef",
        "partners": [
            ("gemeente", "Gemeente Houten"),
            ("anders", "Belastingdienst"),
        ],
        "steps": [
            ("Afspraken met de gemeente", "Wat doet de bibliotheek, wat het gemeentehuis?"),
            ("Vrijwilligers opleiden", "Twee dagdelen training door gemeente en belastingdienst."),
            ("Spreekuren", "Drie vaste spreekuren per week."),
            ("Registreren", "Elke hulpvraag kort vastgelegd, zonder persoonsgegevens."),
        ],
    },
    {
        "title": "FabLab Jeugd in de bibliotheek",
        "organisation": "De Domijnen Sittard-Geleen",
        "theme": "persoonlijke-ontwikkeling",
        "summary": "In het FabLab van De Domijnen ontwerpen, programmeren en maken kinderen en "
        "jongeren, begeleid door vrijwillige coaches uit het bedrijfsleven.",
        "start_date": date(2016, 3, 1),
        "end_date": date(2017, 10, 31),
        "budget_euros": 38000,
        "staff_hours": 700,
        "results": "Elke week twee vaste clubs van vijftien jongeren; 24 schoolklassen kwamen "
        "voor een workshop.",
        "what_worked": "Coaches van technische bedrijven uit de regio, die hun eigen werk "
        "meenemen.",
        "what_did_not_work": "De lasersnijder stond de eerste maanden vaker stil dan hij werkte.",
        "lessons": "Reken op onderhoud en een vaste technicus; vrijwilligers alleen redden het "
        "niet.",
        "evidence": "Deelnemerstellingen en een evaluatie met de scholen.",
        "contact_name": "Luc Hermans",
        "partners": [
            ("onderwijs", "Basisscholen in Sittard-Geleen"),
            ("ondernemers", "Brightlands Chemelot Campus"),
        ],
        "steps": [
            ("Ruimte en apparatuur", "3D-printers, een lasersnijder en tien laptops."),
            ("Coaches werven", "Via de technische bedrijven in de regio."),
            ("Clubs starten", "Twee clubs per week, elk met vaste coaches."),
            ("Scholen uitnodigen", "Workshops onder schooltijd voor groep 7 en 8."),
        ],
    },
    {
        "title": "Eén campagne: de Bibliotheek maakt je rijker",
        "organisation": "Bibliotheek Drachten",
        "theme": "collectieve-marketing",
        "summary": "De Friese bibliotheken voerden samen één campagne en deelden materialen en "
        "kosten, in plaats van elk een eigen folder te maken.",
        "start_date": date(2017, 5, 1),
        "end_date": date(2017, 10, 31),
        "budget_euros": 12000,
        "staff_hours": 300,
        "results": "Twaalf bibliotheken deden mee; de kosten per bibliotheek waren een derde "
        "van wat een eigen campagne kostte.",
        "what_worked": "Eén draaiboek met kant-en-klare teksten en beelden.",
        "what_did_not_work": "De planning: de drukker had het materiaal pas twee weken na de "
        "start klaar.",
        "lessons": "Begin een half jaar vooraf en spreek één deadline af voor iedereen.",
        "evidence": "Bereikcijfers van de online inzet en een rondvraag onder de deelnemers.",
        "contact_name": "Femke de Jong",
        "partners": [("anders", "Trendsactive")],
        "steps": [
            ("Deelnemers vinden", "Een oproep in het regio-overleg."),
            ("Draaiboek maken", "Teksten, beelden en planning in één map."),
            ("Kosten verdelen", "Naar inwonertal van het werkgebied."),
            ("Evalueren", "Een rondvraag na afloop."),
        ],
    },
    {
        "title": "Bibliotheek aan huis met het wijkteam",
        "organisation": "Bibliotheek Groningen",
        "theme": "maatschappelijk-domein",
        "summary": "Vrijwilligers brengen boeken en een praatje bij Groningers die niet meer "
        "naar de bibliotheek kunnen komen. Het wijkteam ziet wie dat nodig heeft.",
        "start_date": date(2016, 4, 1),
        "end_date": date(2017, 9, 30),
        "budget_euros": 8500,
        "staff_hours": 350,
        "results": "85 vaste lezers thuis; het wijkteam meldt minder eenzaamheid bij de helft "
        "van hen.",
        "what_worked": "Eén vaste vrijwilliger per lezer, elke drie weken.",
        "what_did_not_work": "Aanmelden via een formulier op de website: de doelgroep gebruikt "
        "het niet.",
        "lessons": "Laat het wijkteam aanmelden; de mensen die het nodig hebben melden zich "
        "zelden zelf.",
        "evidence": "Gesprekken van het wijkteam met de lezers na een jaar.",
        "contact_name": "Jantien Bos",
        "partners": [
            ("maatschappelijk", "WIJ Groningen"),
            ("gemeente", "Gemeente Groningen"),
        ],
        "steps": [
            ("Afspraken met het wijkteam", "Het wijkteam meldt aan, de bibliotheek koppelt."),
            ("Vrijwilligers werven", "Via de vrijwilligerscentrale."),
            ("Koppelen", "Een vaste vrijwilliger per lezer."),
            ("Volgen", "Elk half jaar een gesprek met lezer en wijkteam."),
        ],
    },
]
