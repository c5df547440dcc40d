#!/usr/bin/env python3
"""Tests of scripts/pages.py, the widget and scene pages with their preview
cards: python3 -m unittest discover -s scripts -p 'test_*.py'"""
import glob
import html.parser
import os
import shutil
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages  # noqa: E402

INDEX = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="description" content="Dials: explainers." />
    <title>Dials — see</title>
    <script type="module" src="./loader.js"></script>
  </head>
  <body>
    <noscript>Dials needs JavaScript.</noscript>
  </body>
</html>
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120.4"><rect width="9" height="9"/></svg>'
# The ring's article: two passages, the second with a question.
ARTICLE = (
    "article\tConsistent ring\tKeys on a circle.\t410\n"
    "passage\tnode-joins\tA node joins\n"
    "p\tOnly *N5's keys* move & nothing else.\n"
    "p\tA second paragraph.\n"
    "passage\tlast\tThe end\n"
    "p\tDone.\n"
    "ask\tWhere will <keys> go?\t1\tThey go to *N5*.\tEverywhere\tTo N5\n"
)
# A title and caption with every character that needs escaping.
TRICKY = 'Tom & "Jerry" <b>\'quoted\'</b>'


class Heads(html.parser.HTMLParser):
    """A page's <meta> tags (property or name -> content), title and images."""

    def __init__(self, page):
        super().__init__()
        self.meta, self.images, self.title, self._in_title = {}, [], "", False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            key = a.get("property") or a.get("name") or a.get("http-equiv")
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = a["content"]
        if tag == "img":
            self.images.append(a)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


class Describe(unittest.TestCase):
    def test_short_text_is_kept_whole(self):
        self.assertEqual(pages.describe("One.  Two\nthree."), "One. Two three.")
        # A no-break space in a number is kept.
        self.assertEqual(pages.describe("2\u00a0000 keys."), "2\u00a0000 keys.")

    def test_long_text_ends_at_the_last_sentence_within_the_limit(self):
        text = "First sentence here. " + "Second one is a little longer, 2.50× the mean. " + "x" * 200
        self.assertEqual(pages.describe(text, 80), "First sentence here. Second one is a little longer, 2.50× the mean.")
        self.assertEqual(pages.describe(text, 40), "First sentence here.")

    def test_decimal_points_and_closing_brackets(self):
        text = "A share of 16.7 (about 1/6.) Then more words follow on and on."
        self.assertEqual(pages.describe(text, 40), "A share of 16.7 (about 1/6.)")

    def test_one_long_sentence_is_cut_at_a_word(self):
        cut = pages.describe("word " * 100, 30)
        self.assertLessEqual(len(cut), 30)
        self.assertTrue(cut.endswith("d…"), cut)

    def test_every_caption_fits(self):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "previews")
        for tsv in glob.glob(os.path.join(root, "*", "scenes.tsv")):
            with open(tsv, encoding="utf-8") as f:
                widget = pages.read_widget(os.path.basename(os.path.dirname(tsv)), f.read())
            for scene in widget.scenes:
                d = pages.describe(scene.caption)
                self.assertLessEqual(len(d), pages.DESCRIPTION_MAX, scene.name)
                self.assertTrue(scene.caption.startswith(d), scene.name)
                self.assertRegex(d, r"[.!?)]$", scene.name)


class Inputs(unittest.TestCase):
    def test_site_address(self):
        self.assertEqual(pages.site_url(""), "")
        self.assertEqual(pages.site_url(" https://example.org/dials "), "https://example.org/dials/")
        self.assertEqual(pages.site_url("http://example.org"), "http://example.org/")
        for bad in ("example.org/dials", "javascript:alert(1)", "https://example.org/?a=1", "https://a b/"):
            with self.assertRaises(ValueError, msg=bad):
                pages.site_url(bad)

    def test_scene_lists(self):
        w = pages.read_widget("ring", "\tRing\tA blurb.\none\tOne\tCaption one.\n")
        self.assertEqual((w.title, w.blurb, [s.name for s in w.scenes]), ("Ring", "A blurb.", ["one"]))
        with self.assertRaises(ValueError):
            pages.read_widget("ring", "one\tOne\tCaption.\n")
        with self.assertRaises(ValueError):
            pages.read_widget("ring", "\tRing\tBlurb.\nBad Name\tOne\tCaption.\n")

    def test_catalogue_order(self):
        src = "pub const CATALOGUE: &[&Entry] = &[\n    &cache::ENTRY,\n    &rate_limit::ENTRY,\n];"
        self.assertEqual(pages.catalogue_order(src), ["cache", "rate-limit"])

    def test_svg_size(self):
        self.assertEqual(pages.svg_size(SVG), (240, 120))
        self.assertEqual(pages.svg_size('<svg viewBox="0 0 300 200">'), (300, 200))


class Build(unittest.TestCase):
    """add_pages on a small built folder: two widgets, one with a tricky title."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dials-pages-")
        self.painted = []
        with open(os.path.join(self.dir, "index.html"), "w", encoding="utf-8") as f:
            f.write(INDEX)
        tables = {
            "ring": "\tConsistent ring\tSpread data.\nnode-joins\tA node joins\tN5 lands. " + "More words. " * 30 + "\nlast\tLast\tDone.\n",
            "odd": f"\t{TRICKY}\t{TRICKY}\nonly\t{TRICKY}\t{TRICKY}\n",
        }
        for slug, table in tables.items():
            os.makedirs(os.path.join(self.dir, "previews", slug))
            with open(os.path.join(self.dir, "previews", slug, "scenes.tsv"), "w", encoding="utf-8") as f:
                f.write(table)
            for name in [""] + [line.split("\t")[0] for line in table.splitlines()[1:]]:
                path = os.path.join(self.dir, "previews", f"{slug}.svg" if not name else os.path.join(slug, name + ".svg"))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(SVG)
        with open(os.path.join(self.dir, "previews", "ring", "article.tsv"), "w", encoding="utf-8") as f:
            f.write(ARTICLE)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def build(self, site):
        return pages.add_pages(self.dir, site, order=["ring", "odd"], paint_pictures=self.painted.extend)

    def read(self, name):
        with open(os.path.join(self.dir, name), encoding="utf-8") as f:
            return f.read()

    def test_pages_cards_and_pictures(self):
        written = self.build(pages.site_url("https://example.org/dials"))
        self.assertEqual(written, ["odd.html", "odd.only.html", "ring.article.html", "ring.html", "ring.last.html",
                                   "ring.node-joins.html"])
        pngs = sorted(os.path.relpath(png, self.dir) for _, png in self.painted)
        self.assertEqual(pngs, sorted(["previews/ring.png", "previews/ring/node-joins.png", "previews/ring/last.png",
                                       "previews/odd.png", "previews/odd/only.png"]))
        head = Heads(self.read("ring.node-joins.html"))
        self.assertEqual(head.title, "A node joins — Consistent ring")
        m = head.meta
        self.assertEqual(m["og:title"], "A node joins — Consistent ring")
        self.assertEqual(m["twitter:title"], m["og:title"])
        self.assertEqual(m["og:url"], "https://example.org/dials/ring.node-joins.html")
        self.assertEqual(m["og:image"], "https://example.org/dials/previews/ring/node-joins.png")
        self.assertEqual(m["twitter:image"], m["og:image"])
        self.assertEqual((m["og:image:width"], m["og:image:height"]), ("1200", "630"))
        self.assertEqual(m["twitter:card"], "summary_large_image")
        self.assertEqual((m["dials-view"], m["dials-scene"]), ("ring", "node-joins"))
        self.assertEqual(m["description"], m["og:description"])
        self.assertLessEqual(len(m["description"]), 200)
        self.assertTrue(m["description"].startswith("N5 lands. More words.") and m["description"].endswith("."))
        # The widget's page opens the widget at no scene.
        m = Heads(self.read("ring.html")).meta
        self.assertEqual((m["dials-view"], "dials-scene" in m), ("ring", False))
        self.assertEqual(m["og:image"], "https://example.org/dials/previews/ring.png")

    def test_everything_is_escaped(self):
        self.build("")
        page = self.read("odd.only.html")
        self.assertNotIn(TRICKY, page)
        head = Heads(page)
        self.assertEqual(head.title, f"{TRICKY} — {TRICKY}")
        self.assertEqual(head.meta["og:description"], TRICKY)
        self.assertEqual(head.meta["og:image:alt"], f"{TRICKY}: {TRICKY}")
        self.assertEqual(head.images[0]["alt"], f"{TRICKY}: {TRICKY}")
        self.assertIn("<h1>Tom &amp; \"Jerry\" &lt;b&gt;'quoted'&lt;/b&gt;</h1>", page)

    def test_relative_addresses_without_a_site(self):
        self.build("")
        m = Heads(self.read("ring.last.html")).meta
        self.assertEqual((m["og:url"], m["og:image"]), ("ring.last.html", "previews/ring/last.png"))
        self.assertEqual(Heads(self.read("index.html")).meta["og:url"], "./")

    def test_noscript_pictures_and_captions(self):
        self.build("")
        page = self.read("ring.node-joins.html")
        self.assertEqual(page.count("<noscript>"), 1)
        self.assertNotIn("Dials needs JavaScript.</noscript>", page)
        img = Heads(page).images
        self.assertEqual(img, [{"src": "previews/ring/node-joins.svg", "alt": "Consistent ring: A node joins",
                                "width": "240", "height": "120", "style": pages.PICTURE}])
        self.assertIn("<h1>A node joins</h1>", page)
        self.assertIn("<p>N5 lands. More words.", page)
        self.assertIn('Next: <a href="ring.last.html">Last</a>', page)
        # The gallery lists every widget in order, each with its picture.
        index = self.read("index.html")
        self.assertEqual([i["src"] for i in Heads(index).images], ["previews/ring.svg", "previews/odd.svg"])
        self.assertIn('<a href="ring.html">Consistent ring</a>', index)
        self.assertEqual(Heads(index).meta["twitter:card"], "summary")

    def test_the_article_for_readers_without_javascript(self):
        self.build("")
        page = self.read("ring.article.html")
        m = Heads(page).meta
        self.assertEqual((m["dials-view"], m["dials-article"], "dials-scene" in m), ("ring", "1", False))
        self.assertEqual(Heads(page).title, "Consistent ring: the essay — Dials")
        self.assertEqual(m["description"], "Keys on a circle.")
        # Each passage beside its scene's picture, highlights in bold, text escaped.
        self.assertEqual([i["src"] for i in Heads(page).images], ["previews/ring/node-joins.svg", "previews/ring/last.svg"])
        self.assertIn("<h2>A node joins</h2>", page)
        self.assertIn("<p>Only <strong>N5's keys</strong> move &amp; nothing else.</p>", page)
        self.assertIn("An essay in 2 parts, about 3 minutes.", page)
        # The question, its choices, and the answer behind a <details>.
        self.assertIn("<strong>Predict:</strong> Where will &lt;keys&gt; go?</p><ol><li>Everywhere</li><li>To N5</li></ol>", page)
        self.assertIn("<details><summary>The answer</summary><p>To N5. They go to <strong>N5</strong>.</p></details>", page)
        self.assertIn('<a href="ring.last.html">This scene on its own: Last</a>', page)
        # Linked from the widget's page and the gallery; a widget without one links none.
        self.assertIn('<a href="ring.article.html">Read the article</a>', self.read("ring.html"))
        self.assertNotIn("article", self.read("odd.html").split("<noscript>")[1])
        self.assertEqual(self.read("index.html").count("ring.article.html"), 1)

    def test_the_feed_holds_every_article_whole(self):
        import xml.etree.ElementTree as ET
        self.build(pages.site_url("https://example.org/dials"))
        channel = ET.parse(os.path.join(self.dir, "feed.xml")).getroot().find("channel")
        self.assertEqual(channel.findtext("title"), "Dials: the articles")
        self.assertEqual(channel.findtext("link"), "https://example.org/dials/")
        items = channel.findall("item")
        self.assertEqual([i.findtext("link") for i in items], ["https://example.org/dials/ring.article.html"])
        body = items[0].findtext("description")
        self.assertIn('<img src="https://example.org/dials/previews/ring/node-joins.svg"', body)
        self.assertIn("<p>Only <strong>N5's keys</strong> move &amp; nothing else.</p>", body)
        self.assertIn("<details><summary>The answer</summary>", body)

    def test_bad_article_tables_say_where(self):
        scenes = ["node-joins", "last"]
        for bad in ["", "article\tT\tL\tmany\n", ARTICLE.replace("passage\tlast", "passage\tnowhere"),
                    ARTICLE.replace("\t1\tThey", "\t2\tThey"), "article\tT\tL\t3\np\torphan\n"]:
            with self.assertRaises(ValueError, msg=repr(bad)) as e:
                pages.read_article("ring", bad, scenes)
            self.assertIn("ring/article.tsv", str(e.exception))
        a = pages.read_article("ring", ARTICLE, scenes)
        self.assertEqual([p.scene for p in a.passages], scenes)
        self.assertEqual((a.passages[1].ask.right, a.passages[1].ask.choices), (1, ["Everywhere", "To N5"]))

    def test_running_again_changes_nothing(self):
        self.build("https://example.org/")
        first = {name: self.read(name) for name in os.listdir(self.dir) if name.endswith(".html")}
        self.build("https://example.org/")
        again = {name: self.read(name) for name in os.listdir(self.dir) if name.endswith(".html")}
        self.assertEqual(first, again)


if __name__ == "__main__":
    unittest.main()
