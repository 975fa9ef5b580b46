package feed

// fastFeeds are RSS documents written for the fast path's differential
// tests: the shapes publishers send, and the corners of gofeed's reading
// the fast path repeats (case-blind names, custom elements holding markup,
// URL attributes, extension trees, dates gofeed reads in other layouts).
var fastFeeds = map[string]string{
	"wordpress": `<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<!-- generator="WordPress/6.4" -->
<rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
	<title>Harbour Courier &#8211; Local news</title>
	<atom:link href="https://courier.example/feed/" rel="self" type="application/rss+xml" />
	<link>https://courier.example</link>
	<description>News from the harbour &amp; the hills</description>
	<lastBuildDate>Tue, 24 Nov 2026 09:00:12 +0000</lastBuildDate>
	<language>en-GB</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.4</generator>
	<image>
		<url>https://courier.example/icon.png</url>
		<title>Harbour Courier</title>
		<link>https://courier.example</link>
		<width>32</width>
		<height>32</height>
	</image>
	<item>
		<title>Council approves the &#8220;new&#8221; ferry timetable</title>
		<link>https://courier.example/2026/11/ferry/</link>
		<comments>https://courier.example/2026/11/ferry/#respond</comments>
		<dc:creator><![CDATA[Marta Silva]]></dc:creator>
		<pubDate>Tue, 24 Nov 2026 07:15:00 +0000</pubDate>
		<category><![CDATA[Transport]]></category>
		<category domain="https://courier.example/tag">ferries</category>
		<guid isPermaLink="false">https://courier.example/?p=4411</guid>
		<description><![CDATA[<p>The council voted 7&#8211;2 on Monday [&#8230;]</p>]]></description>
		<content:encoded><![CDATA[<p>The council voted 7–2 on Monday to add two evening crossings.</p>]]></content:encoded>
		<wfw:commentRss>https://courier.example/2026/11/ferry/feed/</wfw:commentRss>
		<slash:comments>3</slash:comments>
	</item>
	<item>
		<title>Escaped body &amp;amp; an entity: caf&eacute;</title>
		<link>https://courier.example/2026/11/escaped/</link>
		<pubDate>Mon, 23 Nov 2026 18:00:00 GMT</pubDate>
		<guid>https://courier.example/2026/11/escaped/</guid>
		<description>&lt;p&gt;Escaped &amp;amp; &lt;a href="https://courier.example/?a=1&amp;amp;b=2"&gt;linked&lt;/a&gt;&lt;/p&gt;</description>
		<enclosure url="https://courier.example/a b.mp3?x=1&amp;y=2" length="1234" type="audio/mpeg"/>
		<enclosure url="https://courier.example/2.mp3" length="0" type="audio/mpeg"></enclosure>
	</item>
</channel>
</rss>
`,
	"extensions": `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:my="urn:example:mine" xmlns:other="urn:example:mine" xmlns:georss="http://www.georss.org/georss">
<channel>
<title>Pods</title>
<itunes:author>The Desk</itunes:author>
<itunes:image href=" relative/cover.jpg"/>
<itunes:category text="News"><itunes:category text="Daily News"/></itunes:category>
<itunes:explicit>no</itunes:explicit>
<dc:rights>CC BY</dc:rights>
<dc:date>2026-11-24T08:00:00Z</dc:date>
<my:thing a="1" b="&lt;2&gt;">  mine <![CDATA[<raw>]]> &amp; more  </my:thing>
<item>
<title>Episode 12</title>
<itunes:duration>31:02</itunes:duration>
<itunes:episode>12</itunes:episode>
<media:group>
  <media:content url="https://pods.example/12.mp3" type="audio/mpeg" fileSize="123"/>
  <media:content url="https://pods.example/12.ogg" type="audio/ogg"><media:title>Ogg</media:title></media:content>
  <!-- a comment between them -->
  <media:thumbnail url="https://pods.example/12.jpg"/>
</media:group>
<media:thumbnail url="https://pods.example/t.jpg" width="120"/>
<georss:point>45.256 -71.92</georss:point>
<other:thing>by the other prefix</other:thing>
<dc:subject>politics</dc:subject>
<dc:date>2026-11-24T07:00:00+01:00</dc:date>
</item>
</channel>
</rss>`,
	"extensions-ok": `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:c="http://purl.org/rss/1.0/modules/content/">
<channel><title>Pods</title>
<item><title>Ep</title><itunes:subtitle>Sub</itunes:subtitle><itunes:image href="https://pods.example/x y.jpg"/>
<media:content url="https://pods.example/1.mp3"><media:credit role="author">A</media:credit></media:content>
<c:encoded><![CDATA[<p>Body under another prefix</p>]]></c:encoded>
<c:Encoded>Mixed case</c:Encoded>
</item></channel></rss>`,
	"dates": `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Dates</title>
<pubDate>24 Nov 26 07:15 +0000</pubDate>
<item><title>GMT</title><pubDate>Tue, 24 Nov 2026 07:15:00 GMT</pubDate></item>
<item><title>EST</title><pubDate>Tue, 24 Nov 2026 07:15:00 EST</pubDate></item>
<item><title>RFC 3339</title><pubDate>2026-11-24T07:15:00+05:30</pubDate></item>
<item><title>no zone</title><pubDate>2026-11-24 07:15:00</pubDate></item>
<item><title>single-digit day</title><pubDate>Tue, 4 Nov 2026 07:15:00 +0000</pubDate></item>
<item><title>spaces</title><pubDate>  Tue, 24 Nov 2026 07:15:00 +0000
</pubDate></item>
<item><title>garbage</title><pubDate>last Tuesday</pubDate></item>
<item><title>empty</title><pubDate></pubDate></item>
<item><title>same again</title><pubDate>Tue, 24 Nov 2026 07:15:00 GMT</pubDate></item>
<item><title>dc only</title><dc:date>2026-11-24</dc:date></item>
</channel></rss>`,
	"corners": `<RSS version="0.92"><Channel><TITLE>Upper case</TITLE><Link href="https://a.example/x">  </Link>
<link>https://a.example/</link><link></link><link href="/rel"/>
<docs>https://a.example/docs</docs><ttl>60</ttl><managingEditor>ed@a.example (Ed)</managingEditor><webMaster>wm@a.example</webMaster>
<copyright>© 2026</copyright><rating>pics</rating>
<category>one</category><category domain="d">two</category>
<Item><Title>Item one</Title><Encoded>no prefix</Encoded><custom>a <b>bold</b> &amp; <![CDATA[<i>x</i>]]> word</custom>
<custom>second wins</custom><Author>a@b.example (A B)</Author>
<source url="https://src.example/feed">The Source</source>
<guid isPermalink="false">g1</guid><unknown-thing/><comments>https://a.example/c</comments>
</Item>
<item><title/><description/><guid>g2</guid><guid isPermaLink="true">g3</guid></item>
<image><URL>https://a.example/i.png</URL><other>x</other></image>
</Channel>
<item><title>Outside the channel</title></item>
<unknown><nested a="1"><deep>text</deep></nested></unknown>
</RSS>
<!-- trailing comment -->
`,
	"empty":        `<rss version="2.0"/>`,
	"no-channel":   `<rss version="2.0"><item><title>Alone</title></item></rss>`,
	"two-channels": `<rss version="2.0"><channel><title>First</title><item><title>a</title></item></channel><channel><title>Second</title></channel></rss>`,
	"numeric": `<rss version="2.0" xmlns:x="urn:x"><channel><title>&#x1F600; &#233; &#65;&#0065; &#xD800; &#99999999; &#;</title>
<x:v a="&#233;&#x41;">&#233;&#x1F600;</x:v></channel></rss>`,
	"whitespace": "<rss version=\"2.0\">\n\t<channel>\n\t\t<title>\u00a0Non-breaking\u00a0</title>\n\t\t<description>\u0085 next line \u2028</description>\n\t</channel>\n</rss>",
	"bodies": `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
<description>Before &amp; <![CDATA[<p>A section of text that is long enough to be lifted out of the skeleton by the scanner, as news bodies are, and then some more words to be sure of it.</p>]]> between <![CDATA[<p>And a second section that is also long enough to be lifted, so both pieces go out and come back in order, and again more words.</p>]]> after</description>
<content:encoded>
  &lt;p&gt;An escaped body long enough to be lifted: the tide was high at 9:40 &amp;amp; the wind came from the west, and the harbour wall took the worst of it, as it does.&lt;/p&gt;
</content:encoded>
</item></channel></rss>`,
}

// fastAtomFeeds are Atom documents for the same tests.
var fastAtomFeeds = map[string]string{
	"atom-news": `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xmlns:media="http://search.yahoo.com/mrss/" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>Field Notes &amp; Tides</title>
<subtitle type="html">Notes &lt;em&gt;from&lt;/em&gt; the estuary</subtitle>
<link rel="alternate" type="text/html" href="https://notes.example/"/>
<link rel="self" type="application/atom+xml" href="https://notes.example/feed.atom"/>
<link href="relative/page"/>
<id>https://notes.example/</id>
<updated>2026-11-24T10:00:00Z</updated>
<generator uri="https://gen.example/" version="2.1">Gen</generator>
<icon>/favicon.ico</icon><logo> https://notes.example/logo.png</logo>
<rights type="text">© 2026 &amp; after</rights>
<author><name>R. Okafor</name><email>r@notes.example</email><uri>https://notes.example/r</uri></author>
<category term="nature" scheme="https://notes.example/cats" label="Nature"/>
<entry>
<title type="html">Rain &amp;amp; wind</title>
<link rel="alternate" type="text/html" href="https://notes.example/2026/rain"/>
<link rel="enclosure" type="audio/mpeg" length="1234" href="https://notes.example/rain.mp3" title="Listen"/>
<id>tag:notes.example,2026:1</id>
<published>2026-11-24T09:40:00+01:00</published>
<updated>2026-11-24T10:00:00Z</updated>
<author><name>R. Okafor</name></author>
<contributor><name>M. Silva</name><homepage>https://silva.example</homepage></contributor>
<category term="weather"/>
<summary type="html">&lt;p&gt;A short walk along the estuary &amp;amp; back.&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;The tide was high at 9:40 &amp;amp; the wind came from the west.&lt;/p&gt;
&lt;p&gt;&#8220;Quotes&#8221; and &#x2014; dashes, caf&#233;.&lt;/p&gt;</content>
<thr:total>4</thr:total>
<media:thumbnail url="https://notes.example/t.jpg" width="120"/>
</entry>
<entry xml:lang="fr">
<title>CDATA body</title><id>https://notes.example/2 b</id><updated>Tue, 24 Nov 2026 07:15:00 GMT</updated>
<content type="html"><![CDATA[<p>Raw <b>HTML</b> in CDATA</p>]]></content>
<summary>plain &amp; simple &nbsp; text</summary>
</entry>
<entry><title type="text/plain">Typed text</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<content type="text">Just words &lt;not markup&gt;</content>
<rights type="xhtml">No markup here</rights>
<Updated>2026-11-23</Updated>
</entry>
<entry><title>Unknown type</title><content type="application/json">{"a":1}</content><unknown><x>y</x></unknown></entry>
</feed>`,
	"atom03": `<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title mode="escaped">Old &lt;b&gt;Atom&lt;/b&gt;</title><tagline>The old way</tagline>
<modified>2005-11-09T11:56:34Z</modified><copyright>Mine</copyright>
<author><name>Old</name><url>http://old.example/</url></author>
<entry><title>Entry</title><issued>2005-11-09T11:56:34Z</issued><modified>2005-11-09T11:56:34Z</modified>
<id>http://old.example/1</id><link rel="alternate" href="http://old.example/1"/>
<content type="text/html" mode="escaped">&lt;p&gt;Old content&lt;/p&gt;</content></entry>
</feed>`,
	"atom-no-namespace": `<feed><title>Bare</title><entry><title>e</title><id>1</id></entry></feed>`,
	"atom-xhtml": `<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><entry><title>e</title>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline</p></div></content></entry></feed>`,
	"atom-base64":        `<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><entry><content mode="base64">aGVsbG8=</content></entry></feed>`,
	"atom-source":        `<feed xmlns="http://www.w3.org/2005/Atom"><entry><source><title>S</title></source></entry></feed>`,
	"atom-prefixed-atom": `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title></feed>`,
	"atom-other-default": `<feed xmlns="urn:other"><title>O</title></feed>`,
}
