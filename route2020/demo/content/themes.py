"""The five themes the general assembly chose in June 2015."""

from route2020.core.pages import child, publish
from route2020.news.models import NewsItemPage
from route2020.themes.models import ThemeIndexPage, ThemePage

from .. import seed
from .core import home_page

SEED = True
MENU = {"themas": 40}

# What each theme is about, in the words of the seed's reasons for the agenda.
INTROS = {
    "persoonlijke-ontwikkeling": "Bibliotheken helpen iedereen zich te ontwikkelen naar "
    "behoeften en vermogen: met taal, lezen, digitale vaardigheden en een leven lang leren. Dit "
    "thema zet de Bibliotheek neer als partner in persoonlijke ontwikkeling.",
    "maatschappelijk-domein": "De leden vroegen de VOB om actie op de positionering van de "
    "openbare bibliotheken in het sociale domein. Dit thema maakt de bibliotheek een "
    "vanzelfsprekende partner van gemeenten en maatschappelijke organisaties.",
    "multifunctionele-organisaties": "Steeds meer bibliotheken worden onderdeel van brede "
    "culturele en educatieve organisaties. Dit thema verkent die ontwikkeling en helpt "
    "bibliotheken haar goed vorm te geven, zonder de bibliotheekfuncties te verliezen.",
    "maatschappelijk-ondernemerschap": "Bibliotheken werken samen met het onderwijs, "
    "ondernemers, maatschappelijke partners en gemeenten. Dit thema stimuleert ondernemen en "
    "samenwerken, en het delen van wat werkt én wat niet werkt.",
    "collectieve-marketing": "De leden vroegen om meer collectieve marketinginspanningen. Dit "
    "thema zet de Bibliotheek landelijk neer, met één campagne die elke bibliotheek lokaal kan "
    "gebruiken.",
}

ALL = [number for number, *_rest in seed.THEMES]
# The seed's news items and the themes they are about (by theme number), so a theme page
# can count and link its news.
NEWS_THEMES = {
    "Besluit ledenvergadering": ALL,
    "Actieplannen": ALL,
    "Op ontdekkingsreis": [2, 3, 5],
    "Route 2020 het startschot": ALL,
    "Ga mee op reis: eerste acties": [4],
    "Trendsactive gekozen voor campagne 'De Bibliotheek'": [1, 5],
    "Verkenning door regiogidsen": [4],
    "Campagne de Bibliotheek maakt je rijker": [1, 5],
    "Delen maakt je rijker: 100% bibliotheken!": [1, 4],
}


def load(stdout):
    themes_index = child(
        home_page(),
        ThemeIndexPage,
        "themas",
        title="Thema's",
        show_in_menus=True,
        intro="Op basis van een enquête onder de leden in maart 2015 koos de ledenvergadering "
        "vijf thema's voor het branche ontwikkelplan Route 2020.",
    )
    for number, slug, title, short_title in seed.THEMES:
        theme = child(
            themes_index,
            ThemePage,
            slug,
            title=title[:1].upper() + title[1:],
            number=number,
            short_title=short_title,
            intro=INTROS[slug],
        )
        if not theme.intro:  # loaded before themes had an introduction
            theme.intro = INTROS[slug]
            publish(theme)
    link_news(themes_index)


def link_news(themes_index):
    """Give the seed's news items their themes, once (an editor's later choice stays)."""
    themes = {theme.number: theme for theme in ThemePage.objects.child_of(themes_index)}
    for item in NewsItemPage.objects.filter(title__in=NEWS_THEMES):
        if item.themes.exists():
            continue
        item.themes = [themes[number] for number in NEWS_THEMES[item.title] if number in themes]
        publish(item)
