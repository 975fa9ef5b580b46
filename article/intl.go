package article

import (
	"strings"
)

// The chrome rules' words in other languages: German, French, Spanish,
// Portuguese, Italian, Dutch and Japanese. Each list extends an English
// family and keeps its shape: a related label needs its links, a share
// label its networks, an advertisement label the whole line, a rights
// notice the end of the item.

// Advertisement labels and the lines that skip over an advertisement.
const (
	// adWords label an advertisement on a line of its own: "Anzeige",
	// "Publicité", "広告".
	adWords = `advertisement|advertising|advert|sponsored|anzeige|werbung|publicité|publicite|publicidad|publicidade|pubblicità|pubblicita|advertentie|reclame|reklame|reklama|annonse|annons|mainos|広告|スポンサーリンク`
	// adSkip is a line telling the reader the text goes on past an
	// advertisement: "Story continues below advertisement", "ADVERTISEMENT
	// - SCROLL TO CONTINUE READING", "Article continues below".
	adSkip = `(?:the )?(?:story|article|text|content|post|video)(?: text)? continues (?:below|after)(?: (?:the|this))?(?: (?:advertisement|advert|ad|sponsored (?:message|content)))?` +
		`|continue reading (?:below|after (?:the|this) (?:advertisement|advert|ad))` +
		`|scroll (?:down )?to continue(?: (?:reading|with (?:the )?(?:content|article|story)))?` +
		`|(?:` + adWords + `)\s*[-–—:|·•]?\s*(?:\(?\s*)?(?:scroll (?:down )?to continue(?: reading| with (?:the )?content)?|continue reading below|story continues below)\s*\)?` +
		`|weiterlesen nach der anzeige|lesen sie nach der anzeige weiter|(?:der )?artikel (?:wird )?(?:geht )?nach der anzeige (?:weiter|fortgesetzt)` +
		`|la suite (?:de l['’]article )?après (?:cette |la )?publicité|l['’]article continue (?:sous|après) (?:cette |la )?publicité` +
		`|(?:la noticia |el artículo )?(?:sigue|continúa) (?:después|tras|debajo) de(?:l| la) (?:anuncio|publicidad)` +
		`|(?:a matéria |o artigo |o texto )?continua (?:após|depois d[ao]) (?:a )?publicidade` +
		`|(?:l['’]articolo )?(?:continua|prosegue) dopo (?:la )?pubblicità` +
		`|(?:het artikel |lees )?(?:gaat )?verder (?:na|onder) de advertentie` +
		`|記事の続きは(?:広告の)?下(?:へ|に)?(?:続きます)?`
)

// adLine is an advertisement's label, or a line skipping it, alone on a
// line, perhaps between dashes or brackets: "— Anzeige —", "[ Publicité ]".
var adLine *lazyRegexp

// isAdLine reports whether a paragraph only labels an advertisement or
// skips over it. "Anzeige erstattet" and "Werbung für Tabak ist verboten"
// go on and stay.
func isAdLine(plain string) bool {
	return len(plain) < 120 && adLine.MatchString(plain)
}

// relatedWords label a list of links to other stories, in other
// languages: "Mehr zum Thema", "À lire aussi", "Relacionadas", "関連記事".
const relatedWords = `mehr zum thema|mehr dazu|lesen sie (?:auch|mehr)|auch interessant|das könnte sie (?:auch )?interessieren|weitere artikel|verwandte (?:artikel|themen)|zum thema` +
	`|(?:à |a )?lire aussi|(?:à |a )?lire également|sur le même sujet|(?:dans la même rubrique)|articles? (?:similaires|liés|associés)|voir aussi` +
	`|más información|te puede interesar|lee (?:también|además)|leer más|noticias relacionadas|artículos relacionados|relacionad[oa]s|ver también|también te puede interesar` +
	`|leia (?:também|mais)|veja também|saiba mais|notícias relacionadas|matérias relacionadas|artigos relacionados|relacionad[oa]s|mais lidas` +
	`|leggi anche|articoli correlati|potrebbe interessarti|correlati|vedi anche|approfondimenti` +
	`|lees (?:ook|meer)|gerelateerd(?:e artikelen| nieuws)?|meer over dit onderwerp|ook interessant|lees verder` +
	`|関連記事|関連ニュース|あわせて読みたい|合わせて読みたい|こちらもおすすめ|おすすめ記事|関連リンク`

// shareWords are the share labels of other languages: "Artikel teilen",
// "Partager cet article", "Compartilhe", "Deel dit artikel",
// "この記事をシェアする".
const shareWords = `(?:diesen |den )?artikel teilen|teilen|jetzt teilen|beitrag teilen` +
	`|partager(?: (?:cet|l['’])article| cette page)?|partagez(?: cet article)?` +
	`|compartir(?: (?:este|el) (?:artículo|articulo|noticia))?|compartilhe(?: (?:este|esse) (?:artigo|post|texto))?|compartilhar` +
	`|condividi(?: (?:questo|l['’])articolo)?|condividere` +
	`|deel (?:dit|het) (?:artikel|bericht)|delen|deel dit` +
	`|この記事をシェアする|記事をシェアする|シェアする|シェア`

// shareOn is "share on NETWORK" in other languages: "Partager sur X",
// "Teilen auf Facebook", "Compartir en WhatsApp", "Condividi su Facebook".
var shareOn *lazyRegexp

// isShareOn reports whether a line is "share on NETWORK" in another
// language, the network named.
func isShareOn(plain string) bool {
	m := shareOn.FindStringSubmatch(strings.TrimSpace(plain))
	return m != nil && shareItem.MatchString(strings.TrimSpace(m[1]))
}

// intlSignup is an invitation to a newsletter in another language: the
// verb, the newsletter, and what the reader gets, in one sentence.
var intlSignup *lazyRegexp

// isIntlSignup reports whether a paragraph invites the reader to a
// newsletter in another language.
func isIntlSignup(plain string) bool {
	return len(plain) < 300 && intlSignup.MatchString(strings.TrimSpace(plain))
}

// rightsWords reserve the rights: "All rights reserved", "Alle Rechte
// vorbehalten", "© RIPRODUZIONE RISERVATA".
const rightsWords = `all rights reserved|alle rechte vorbehalten|tous droits réservés|tous droits reserves|todos los derechos reservados|todos os direitos reservados` +
	`|tutti i diritti riservati|riproduzione riservata|alle rechten voorbehouden|無断転載(?:を)?禁(?:じます|止)|無断複製(?:・転載)?を禁(?:じます|止)`

// rightsNotice is a copyright line: the rights reserved, perhaps after
// "© 2024 NAME" and before a short sentence. It goes only at the end of
// the item (edgeLines).
var rightsNotice *lazyRegexp

func init() {
	register(func() {
		adLine = compileLater(`(?i)^[\s\-–—_*·•|\[\](){}<>]*(?:` + adWords + `|` + adSkip + `)[\s\-–—_*·•|\[\](){}<>.:…]*$`)
		shareOn = compileLater(`(?i)^(?:partager|partagez|teilen|compartir|compartilhar|compartilhe|condividi|deel|delen)\s+(?:sur|auf|per|via|en|por|no|na|em|su|op|met)\s+(.{1,40})$`)
		intlSignup = compileLater(`(?i)^(?:jetzt |maintenant |ahora |agora |ora |nu )?(?:` +
			`(?:abonnieren sie|abonniere|abonnier|bestellen sie|melden sie sich (?:jetzt )?(?:für|zu)|registrieren sie sich für) (?:jetzt )?(?:unseren|unsere|den|die|einen)(?: kostenlosen| täglichen| wöchentlichen)? newsletter` +
			`|(?:kostenlosen |unseren )?newsletter (?:abonnieren|bestellen)` +
			`|(?:abonnez-vous|inscrivez-vous|abonne-toi|inscris-toi|recevez) (?:gratuitement )?(?:à|a|aux) (?:notre|nos|la|les) (?:lettres? d['’]information|newsletters?|infolettres?)` +
			`|(?:suscríbete|suscribete|suscríbase|suscribase|regístrate|registrate|apúntate|apuntate|recibe) (?:gratis )?(?:a|al|en) (?:nuestr[oa]s? |la |el )?(?:boletín|boletin|newsletter|boletines)` +
			`|(?:assine|inscreva-se|cadastre-se|receba) (?:já )?(?:a |na |no |em |à )?(?:nossa |nosso )?(?:newsletter|boletim)` +
			`|(?:iscriviti|iscrivetevi|abbonati|ricevi) (?:gratis )?(?:alla|alle|a|la) (?:nostra |nostre )?newsletter` +
			`|(?:schrijf je|schrijf u|meld je|meld u|abonneer je|abonneer u) (?:nu )?(?:in |aan )?(?:voor|op) (?:onze|de|het)(?: gratis)? (?:nieuwsbrief|newsletter)` +
			`|メルマガ(?:登録|を購読|の登録)|ニュースレター(?:を購読|に登録|登録|の登録)` +
			`)(?:(?:[,:;—–(-]| \S)[^.!?。]{0,140})?[.!…。]*(?: [^.!?]{1,80}[.!]?)?$`)
		rightsNotice = compileLater(`(?i)^(?:(?:copyright|©|\(c\))[^.!?]{0,120}?[.,;:–—-]?\s*)?(?:` + rightsWords + `)[.!。]?(?:\s+[^.!?]{1,120}[.!]?)?$`)
	})
}
