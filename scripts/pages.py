#!/usr/bin/env python3
"""Post-build step: a page of its own for every widget and every scene, so a
link to one gets a preview card, and readers without JavaScript see its
picture and caption.

The app is one index.html that picks what to show from the query
(`?view=ring&scene=node-joins`), which a link unfurler cannot tell apart. So
this step writes, flat in the build's folder (relative paths keep working):

- `<widget>.html` and `<widget>.<scene>.html` (`ring.node-joins.html`): copies
  of the final index.html with their own title, description, Open Graph and
  Twitter card tags, `dials-view` and `dials-scene` tags (loader.js opens that
  widget at that scene), and a <noscript> with the picture and the caption;
- `previews/<widget>.png` and `previews/<widget>/<scene>.png`: each preview
  SVG painted as a 1200×630 PNG (unfurlers show no SVG) by crates/png, run
  natively with cargo;
- `<widget>.article.html` for a widget with an article: the same, with a
  `dials-article` tag (loader.js opens the article) and the whole essay in
  its <noscript>, each passage beside its scene's picture and each question
  with its answer behind a <details>;
- `feed.xml`: an RSS feed with every article, whole, for feed readers;
- in index.html itself, the gallery's <noscript>: every widget, its picture
  and blurb, linking to its page (and its article).

Titles, blurbs and captions come from `previews/<widget>/scenes.tsv`, an
article's text from `previews/<widget>/article.tsv` (both written by the
native tests, their numbers computed at each scene's state); the gallery's
order from the catalogue (src/widgets/mod.rs).

Cards need absolute addresses for og:image and og:url: set DIALS_SITE_URL to
the address the build is served from (`https://example.org/dials/`).
Without it they are written relative, which previews cannot follow.

Run by scripts/csp_loader.py after it writes index.html and loader.js, before
the service worker lists the build's files. On its own, on a built folder:

    TRUNK_STAGING_DIR=dist python3 scripts/pages.py
"""
import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SITE_ENV = "DIALS_SITE_URL"
SITE_NAME = "Dials"
# The size unfurlers show a large card at (crates/png paints this size).
CARD = (1200, 630)
# Longer descriptions are cut off by most previews and search results.
DESCRIPTION_MAX = 200
# Inline style for the <noscript> content: the app's style sheet styles the app.
BOX = "max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5"
PICTURE = "max-width:100%;height:auto"
NEEDS_JS = (
    "The live figure needs JavaScript and WebAssembly: with them, this page runs "
    "the simulation in your browser and every setting can be changed."
)


@dataclass
class Scene:
    name: str
    title: str
    caption: str


@dataclass
class Widget:
    slug: str
    title: str
    blurb: str
    scenes: list = field(default_factory=list)


def read_widget(slug: str, tsv: str) -> Widget:
    """A widget and its scenes from scenes.tsv: the first line is the widget
    (empty name, title, blurb), then one line per scene in tour order."""
    rows = [line.split("\t") for line in tsv.splitlines() if line.strip()]
    if not rows or len(rows[0]) != 3 or rows[0][0] != "":
        raise ValueError(f"{slug}/scenes.tsv: the first line should be the widget (empty name, title, blurb)")
    widget = Widget(slug, rows[0][1], rows[0][2])
    for row in rows[1:]:
        if len(row) != 3 or not re.fullmatch(r"[a-z0-9-]+", row[0]):
            raise ValueError(f"{slug}/scenes.tsv: bad scene line {row!r}")
        widget.scenes.append(Scene(*row))
    return widget


@dataclass
class Ask:
    question: str
    right: int
    why: str
    choices: list


@dataclass
class Passage:
    scene: str
    heading: str
    paragraphs: list = field(default_factory=list)
    ask: "Ask | None" = None


@dataclass
class Article:
    title: str
    lede: str
    words: int
    passages: list = field(default_factory=list)


def read_article(slug: str, tsv: str, scenes: list) -> Article:
    """An article from article.tsv: `article`, title, lede, words; then per
    passage `passage`, scene, heading; a `p` line per paragraph; `ask`,
    question, the right choice's index, why, choices. Its scenes must be
    among `scenes`."""
    rows = [line.split("\t") for line in tsv.splitlines() if line.strip()]
    where = f"{slug}/article.tsv"
    if not rows or rows[0][0] != "article" or len(rows[0]) != 4 or not rows[0][3].isdigit():
        raise ValueError(f"{where}: the first line should be the article (article, title, lede, words)")
    article = Article(rows[0][1], rows[0][2], int(rows[0][3]))
    for row in rows[1:]:
        kind = row[0]
        if kind == "passage" and len(row) == 3 and row[1] in scenes:
            article.passages.append(Passage(row[1], row[2]))
        elif kind == "p" and len(row) == 2 and article.passages:
            article.passages[-1].paragraphs.append(row[1])
        elif kind == "ask" and len(row) >= 6 and row[2].isdigit() and int(row[2]) < len(row) - 4 and article.passages:
            article.passages[-1].ask = Ask(row[1], int(row[2]), row[3], row[4:])
        else:
            raise ValueError(f"{where}: bad line {row!r}")
    if not article.passages:
        raise ValueError(f"{where}: no passage")
    return article


def catalogue_order(source: str) -> list:
    """The widgets' slugs in the gallery's order, from CATALOGUE's lines
    (`&rate_limit::ENTRY`: a widget's module is named like its slug)."""
    found = re.search(r"CATALOGUE: &\[&Entry\] = &\[(.*?)\];", source, re.S)
    if not found:
        raise ValueError("src/widgets/mod.rs: no CATALOGUE")
    return [m.replace("_", "-") for m in re.findall(r"&(\w+)::ENTRY", found.group(1))]


def site_url(value: str) -> str:
    """The site's address as given (DIALS_SITE_URL), ending in '/', or '' for none."""
    value = (value or "").strip()
    if not value:
        return ""
    if not re.match(r"https?://[^/?#\s]+(/[^?#\s]*)?$", value):
        raise ValueError(f"{SITE_ENV} should be an http(s) address with no query, like https://example.org/dials/ (got {value!r})")
    return value if value.endswith("/") else value + "/"


def describe(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """The text, or its longest run of whole sentences within `limit`
    characters; a first sentence longer than that is cut at a word, with '…'."""
    # why: only ASCII white space; the captions' no-break spaces ("2 000") stay.
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    if len(text) <= limit:
        return text
    # A sentence ends at . ! or ? (perhaps closed by a bracket or quote)
    # before a space; "2.50×" or "1.5" has none after its dot.
    ends = [m.end() for m in re.finditer(r"[.!?][)\]\"'”’]*(?= )", text) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


def svg_size(svg: str) -> tuple:
    """The width and height of an SVG's root element, rounded, px."""
    root = re.search(r"<svg\b[^>]*>", svg)
    if not root:
        raise ValueError("not an SVG document")
    tag = root.group(0)
    w = re.search(r'\bwidth="([0-9.]+)"', tag)
    h = re.search(r'\bheight="([0-9.]+)"', tag)
    if w and h:
        return round(float(w.group(1))), round(float(h.group(1)))
    box = re.search(r'\bviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)"', tag)
    if not box:
        raise ValueError("an SVG with no size")
    return round(float(box.group(1))), round(float(box.group(2)))


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def text(value: str) -> str:
    return html.escape(value, quote=False)


@dataclass
class Card:
    """What a page says about itself to previews and search."""
    title: str
    description: str
    url: str  # relative to the build's folder
    image: str = ""  # relative PNG, or none
    alt: str = ""
    view: str = ""
    scene: str = ""
    article: bool = False


# The tags head_tags writes.
OUR_TAGS = re.compile(r'\n *<meta (?:property|name)="(?:og:|twitter:|dials-)[^"]*" content="[^"]*" />')


def head_tags(card: Card, site: str) -> str:
    """The page's <meta> tags after its title: Open Graph, Twitter, and the
    widget and scene loader.js opens."""
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:title", card.title),
        ("property", "og:description", card.description),
        ("property", "og:url", site + card.url),
    ]
    if card.image:
        tags += [
            ("property", "og:image", site + card.image),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(CARD[0])),
            ("property", "og:image:height", str(CARD[1])),
            ("property", "og:image:alt", card.alt),
            ("name", "twitter:card", "summary_large_image"),
        ]
    else:
        tags.append(("name", "twitter:card", "summary"))
    tags += [
        ("name", "twitter:title", card.title),
        ("name", "twitter:description", card.description),
    ]
    if card.image:
        tags += [("name", "twitter:image", site + card.image), ("name", "twitter:image:alt", card.alt)]
    if card.view:
        tags.append(("name", "dials-view", card.view))
    if card.scene:
        tags.append(("name", "dials-scene", card.scene))
    if card.article:
        tags.append(("name", "dials-article", "1"))
    return "".join(f'\n    <meta {kind}="{attr(key)}" content="{attr(value)}" />' for kind, key, value in tags)


def with_card(page: str, card: Card, site: str, noscript: str) -> str:
    """index.html with this page's title, description, tags and <noscript>."""
    def once(pattern, replacement, within):
        # A function as the replacement, so backslashes in it stay as written.
        out, n = re.subn(pattern, lambda _: replacement, within, count=1, flags=re.S)
        if n != 1:
            raise ValueError(f"index.html has no {pattern}")
        return out

    page = once(r"<title>.*?</title>", f"<title>{text(card.title)}</title>" + head_tags(card, site), page)
    page = once(r'<meta name="description" content="[^"]*" ?/?>', f'<meta name="description" content="{attr(card.description)}" />', page)
    return once(r"<noscript>.*?</noscript>", noscript, page)


def image(src: str, alt: str, size: tuple) -> str:
    return f'<img src="{attr(src)}" alt="{attr(alt)}" width="{size[0]}" height="{size[1]}" style="{PICTURE}">'


def link(href: str, label: str) -> str:
    return f'<a href="{attr(href)}">{text(label)}</a>'


def noscript(*parts: str) -> str:
    body = "\n        ".join(p for p in parts if p)
    return f'<noscript>\n      <main style="{BOX}">\n        {body}\n      </main>\n    </noscript>'


def scene_page(widget: Widget, i: int, size: tuple) -> tuple:
    """The card and <noscript> of a widget's i-th scene."""
    scene = widget.scenes[i]
    alt = f"{widget.title}: {scene.title}"
    card = Card(
        title=f"{scene.title} — {widget.title}",
        description=describe(scene.caption),
        url=f"{widget.slug}.{scene.name}.html",
        image=f"previews/{widget.slug}/{scene.name}.png",
        alt=alt,
        view=widget.slug,
        scene=scene.name,
    )
    near = []
    if i > 0:
        prev = widget.scenes[i - 1]
        near.append("Previous: " + link(f"{widget.slug}.{prev.name}.html", prev.title))
    if i + 1 < len(widget.scenes):
        nxt = widget.scenes[i + 1]
        near.append("Next: " + link(f"{widget.slug}.{nxt.name}.html", nxt.title))
    return card, noscript(
        f"<p>{link(widget.slug + '.html', widget.title)}, scene {i + 1} of {len(widget.scenes)}</p>",
        f"<h1>{text(scene.title)}</h1>",
        image(f"previews/{widget.slug}/{scene.name}.svg", alt, size),
        f"<p>{text(scene.caption)}</p>",
        f"<p><em>{text(NEEDS_JS)}</em></p>",
        f"<p>{' · '.join(near)}</p>" if near else "",
    )


def highlighted(value: str) -> str:
    """A paragraph as HTML: escaped, its `*highlighted*` words in <strong>."""
    parts = value.split("*")
    if len(parts) % 2 == 0:
        return text(value)
    return "".join(f"<strong>{text(p)}</strong>" if i % 2 else text(p) for i, p in enumerate(parts))


def article_url(widget: Widget) -> str:
    return f"{widget.slug}.article.html"


def article_body(widget: Widget, article: Article, sizes: dict, base: str = "") -> list:
    """The essay as HTML blocks: each passage's heading, its scene's picture,
    its paragraphs, its question with the answer behind a <details>, and a
    link to its scene. `base` goes before every address (a feed's are
    absolute)."""
    titles = {s.name: s.title for s in widget.scenes}
    minutes = -(-article.words // 200)
    out = [
        f"<p>{text(article.lede)}</p>",
        f"<p><em>{text(f'An essay in {len(article.passages)} parts, about {minutes} minutes.')}</em></p>",
    ]
    for p in article.passages:
        out.append(f"<h2>{text(p.heading)}</h2>")
        out.append(image(f"{base}previews/{widget.slug}/{p.scene}.svg", f"{widget.title}: {titles[p.scene]}", sizes[p.scene]))
        out += [f"<p>{highlighted(t)}</p>" for t in p.paragraphs]
        if p.ask:
            a = p.ask
            choices = "".join(f"<li>{text(c)}</li>" for c in a.choices)
            out.append(f"<p><strong>Predict:</strong> {text(a.question)}</p><ol>{choices}</ol>")
            out.append(
                f"<details><summary>The answer</summary><p>{text(a.choices[a.right])}. {highlighted(a.why)}</p></details>"
            )
        out.append(f"<p>{link(f'{base}{widget.slug}.{p.scene}.html', 'This scene on its own: ' + titles[p.scene])}</p>")
    return out


def article_page(widget: Widget, article: Article, sizes: dict) -> tuple:
    """The card and <noscript> of a widget's article: the whole essay."""
    card = Card(
        title=f"{article.title}: the essay — {SITE_NAME}",
        description=describe(article.lede),
        url=article_url(widget),
        image=f"previews/{widget.slug}.png",
        alt=widget.title,
        view=widget.slug,
        article=True,
    )
    return card, noscript(
        f"<p>{link('index.html', SITE_NAME)} · {link(widget.slug + '.html', widget.title)}</p>",
        f"<h1>{text(article.title)}</h1>",
        f"<p><em>{text(NEEDS_JS)}</em></p>",
        *article_body(widget, article, sizes),
    )


def feed(articles: list, site: str, title: str, description: str) -> str:
    """An RSS 2.0 feed of the articles, each whole; addresses absolute when
    the site's is known."""
    home = site or "./"
    items = "".join(
        "\n    <item>"
        f"\n      <title>{text(a.title)}</title>"
        f"\n      <link>{text(site + article_url(w))}</link>"
        f'\n      <guid isPermaLink="{"true" if site else "false"}">{text(site + article_url(w))}</guid>'
        f"\n      <description>{text(''.join(article_body(w, a, sizes, site)))}</description>"
        "\n    </item>"
        for w, a, sizes in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n  <channel>'
        f"\n    <title>{text(title)}</title>\n    <link>{text(home)}</link>"
        f"\n    <description>{text(description)}</description>\n    <language>en</language>"
        f"{items}\n  </channel>\n</rss>\n"
    )


def widget_page(widget: Widget, size: tuple, has_article: bool = False) -> tuple:
    """The card and <noscript> of a widget's own page: its picture, blurb and tour."""
    card = Card(
        title=f"{widget.title} — {SITE_NAME}",
        description=describe(widget.blurb),
        url=f"{widget.slug}.html",
        image=f"previews/{widget.slug}.png",
        alt=widget.title,
        view=widget.slug,
    )
    tour = "".join(f"<li>{link(f'{widget.slug}.{s.name}.html', s.title)}</li>" for s in widget.scenes)
    return card, noscript(
        f"<p>{link('index.html', SITE_NAME)}</p>",
        f"<h1>{text(widget.title)}</h1>",
        f"<p>{text(widget.blurb)}</p>",
        image(f"previews/{widget.slug}.svg", widget.title, size),
        f"<p><em>{text(NEEDS_JS)}</em></p>",
        f"<p>{link(article_url(widget), 'Read the article')}</p>" if has_article else "",
        f"<h2>The tour, scene by scene</h2><ol>{tour}</ol>" if tour else "",
    )


def gallery(widgets: list, sizes: dict, title: str, description: str, with_article=frozenset()) -> str:
    """index.html's <noscript>: every widget with its picture and blurb, and
    a link to its article if it has one."""
    items = "".join(
        f'\n          <li><h2>{link(w.slug + ".html", w.title)}</h2>'
        f"<p>{text(w.blurb)}</p>{image(f'previews/{w.slug}.svg', w.title, sizes[w.slug])}"
        + (f"<p>{link(article_url(w), 'Read the article')}</p>" if w.slug in with_article else "")
        + "</li>"
        for w in widgets
    )
    return noscript(
        f"<h1>{text(title)}</h1>",
        f"<p>{text(description)}</p>",
        f'<p><em>{text("Dials needs JavaScript and WebAssembly to run its simulations. Without them, each explainer below shows its pictures and captions.")}</em></p>',
        f'<ol style="padding-left:1.2rem">{items}\n        </ol>',
    )


def paint(pairs: list) -> None:
    """Paints each (svg, png) pair with crates/png, built and run natively."""
    if not pairs:
        return
    # The first build of the tool takes a minute or two; say what is going on.
    print(f"pages: painting {len(pairs)} preview pictures (crates/png)", flush=True)
    command = ["cargo", "run", "--release", "-q", "-p", "dials-png", "--"]
    for svg, png in pairs:
        command += [svg, png]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dials-png failed:\n{done.stderr}")


def add_pages(staging: str, site: str, order=None, paint_pictures=paint) -> list:
    """The whole step on a built folder; returns the pages written. `order`:
    the widgets' slugs, the catalogue's by default."""
    previews = os.path.join(staging, "previews")
    if order is None:
        with open(os.path.join(ROOT, "src", "widgets", "mod.rs"), encoding="utf-8") as f:
            order = catalogue_order(f.read())
    present = sorted(d for d in os.listdir(previews) if os.path.exists(os.path.join(previews, d, "scenes.tsv")))
    if sorted(order) != present:
        raise ValueError(f"the catalogue lists {order}, the previews hold {present}")
    widgets = []
    for slug in order:
        with open(os.path.join(previews, slug, "scenes.tsv"), encoding="utf-8") as f:
            widgets.append(read_widget(slug, f.read()))

    def size_of(rel):
        with open(os.path.join(staging, rel), encoding="utf-8") as f:
            return svg_size(f.read())

    index = os.path.join(staging, "index.html")
    with open(index, encoding="utf-8") as f:
        # Without the tags of an earlier run, so running again changes nothing.
        template = OUR_TAGS.sub("", f.read())
    written = {}
    pairs = []
    sizes = {}
    articles = []
    for w in widgets:
        tsv = os.path.join(previews, w.slug, "article.tsv")
        article = None
        if os.path.exists(tsv):
            with open(tsv, encoding="utf-8") as f:
                article = read_article(w.slug, f.read(), [s.name for s in w.scenes])
        sizes[w.slug] = size_of(f"previews/{w.slug}.svg")
        card, box = widget_page(w, sizes[w.slug], article is not None)
        written[card.url] = with_card(template, card, site, box)
        pairs.append((f"previews/{w.slug}.svg", f"previews/{w.slug}.png"))
        scene_sizes = {}
        for i, s in enumerate(w.scenes):
            scene_sizes[s.name] = size_of(f"previews/{w.slug}/{s.name}.svg")
            card, box = scene_page(w, i, scene_sizes[s.name])
            written[card.url] = with_card(template, card, site, box)
            pairs.append((f"previews/{w.slug}/{s.name}.svg", f"previews/{w.slug}/{s.name}.png"))
        if article:
            card, box = article_page(w, article, scene_sizes)
            written[card.url] = with_card(template, card, site, box)
            articles.append((w, article, scene_sizes))
    paint_pictures([(os.path.join(staging, a), os.path.join(staging, b)) for a, b in pairs])
    for name, page in written.items():
        with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
            f.write(page)

    title = re.search(r"<title>(.*?)</title>", template, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', template)
    if not title or not description:
        raise ValueError("index.html has no title or description")
    title, description = html.unescape(title.group(1)), html.unescape(description.group(1))
    home = Card(title=title, description=description, url="")
    page = with_card(
        template, home, site, gallery(widgets, sizes, title, description, {w.slug for w, _, _ in articles})
    )
    if not site:
        # why: an empty og:url would name nothing; the folder is the gallery.
        page = page.replace('property="og:url" content=""', 'property="og:url" content="./"', 1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(page)
    if articles:
        with open(os.path.join(staging, "feed.xml"), "w", encoding="utf-8") as f:
            f.write(feed(articles, site, f"{SITE_NAME}: the articles", description))
    return sorted(written)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("pages: TRUNK_STAGING_DIR is not set (run it from Trunk)", file=sys.stderr)
        return 1
    add_pages(staging, site_url(os.environ.get(SITE_ENV, "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
