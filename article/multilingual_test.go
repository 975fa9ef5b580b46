package article

import "testing"

// Chrome in other languages, advertisement lines, newsletter archives and
// hosts' footers: each rule drops the widget and keeps the prose that
// shares its words.

const intlMeta = "https://x.example/a"

func TestIntlRelated(t *testing.T) {
	m := Meta{Link: intlMeta}
	runRules(t, []ruleCase{
		{
			name: "read-also labels with their link",
			meta: m,
			in: boilerBody + `<p>Lesen Sie auch: <a href="/b">Der Hafen nach dem Sturm</a></p><p>Lire aussi : <a href="/c">Le port après la tempête</a></p>` +
				`<p>Te puede interesar: <a href="/d">El puerto tras la tormenta</a></p><p>Leia também: <a href="/e">O porto depois da tempestade</a></p>` +
				`<p>Leggi anche: <a href="/f">Il porto dopo la tempesta</a></p><p>Lees ook: <a href="/g">De haven na de storm</a></p><p>関連記事：<a href="/h">嵐の後の港</a></p>` +
				`<p>Lire aussi <a href="/i">Les digues du Nord</a></p><p>The wall opens in May.</p>`,
			present: []string{"rebuilt over the winter", "The wall opens in May."},
			absent:  []string{"Lesen", "Hafen", "Lire", "port", "puede", "Leia", "Leggi", "Lees", "関連記事", "嵐", "digues"},
		},
		{
			name: "related headings with a link list",
			meta: m,
			in: boilerBody + `<h2>Mehr zum Thema</h2><ul><li><a href="/a1">Sturm an der Küste</a></li><li><a href="/a2">Deich gebrochen</a></li></ul>` +
				`<p>The quay reopened on Monday.</p><h3>À lire aussi</h3><ul><li><a href="/b1">Tempête</a></li></ul><p>Ferries resumed.</p>` +
				`<h3>Relacionadas</h3><ul><li><a href="/c1">Tormenta</a></li></ul><p>Fishing boats returned.</p><h3>Articoli correlati</h3><ul><li><a href="/d1">Tempesta</a></li></ul>` +
				`<p>The market opened.</p><h3>関連記事</h3><ul><li><a href="/e1">嵐</a></li></ul><p>Gerelateerd</p><p><a href="/f1">Storm</a></p>`,
			present: []string{"The quay reopened on Monday.", "Ferries resumed.", "Fishing boats returned.", "The market opened."},
			absent:  []string{"Mehr zum", "Küste", "lire", "Tempête", "Relacionadas", "Tormenta", "correlati", "Tempesta", "関連記事", "嵐", "Gerelateerd", "Storm"},
		},
		{
			name:    "prose with the same words stays",
			meta:    m,
			in:      `<p>Wer den Bericht liest, sollte lire aussi les notes de bas de page.</p><p>Lesen Sie auch die Packungsbeilage, bevor Sie die Tabletten nehmen.</p><p>Leia também o livro <a href="/l">O Mar</a>, que conta a mesma história.</p><p>Lees ook: de brief van de burgemeester staat online.</p>`,
			present: []string{"Wer den Bericht liest, sollte lire aussi les notes de bas de page.", "Lesen Sie auch die Packungsbeilage, bevor Sie die Tabletten nehmen.", "Leia também o livro [O Mar](https://x.example/l), que conta a mesma história.", "Lees ook: de brief van de burgemeester staat online."},
		},
	})
}

func TestIntlShare(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "share rows",
			in: boilerBody + `<p>Artikel teilen: Facebook WhatsApp E-Mail</p><p>Partager sur X</p><p>Compartilhe:</p><p>Deel dit artikel</p><p>Condividi</p><p>Compartir</p>` +
				`<p>この記事をシェアする X Facebook はてブ LINE</p><p><a href="https://x.example/s">Share</a> <a href="https://x.example/t">Tweet</a> <a href="https://x.example/f">Forward</a></p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"teilen", "Partager", "Compartilhe", "Deel", "Condividi", "Compartir", "シェア", "はてブ", "Tweet", "Forward"},
		},
		{
			name: "prose with the same words stays",
			in: boilerBody + `<p>Partager, c'est aussi accepter de perdre un peu.</p><p>Compartir coche es más barato que el tren.</p><p>Teilen Sie Ihre Meinung mit dem Stadtrat.</p>` +
				`<p>Deel 2 van de serie verschijnt morgen.</p><p>Partager sur Facebook ses photos de vacances n'est pas sans risque.</p>`,
			present: []string{"Partager, c'est aussi accepter de perdre un peu.", "Compartir coche es más barato que el tren.", "Teilen Sie Ihre Meinung mit dem Stadtrat.", "Deel 2 van de serie verschijnt morgen.", "Partager sur Facebook ses photos de vacances n'est pas sans risque."},
		},
	})
}

func TestIntlNewsletter(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "newsletter pitches",
			in: boilerBody + `<p>Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.</p><p>Suscríbete a nuestro boletín y recibe las noticias cada mañana.</p>` +
				`<p>Abonnieren Sie unseren Newsletter</p><p>Iscriviti alla newsletter</p><p>Assine nossa newsletter</p><p>Schrijf je in voor onze nieuwsbrief</p><h3>Jetzt Newsletter abonnieren</h3>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Abonnez", "Suscríbete", "Abonnieren", "Iscriviti", "Assine", "Schrijf", "abonnieren"},
		},
		{
			name:    "prose about newsletters stays",
			in:      boilerBody + `<p>Wer unseren Newsletter abonniert hat, wusste es schon am Montag.</p><p>Abonnez-vous à notre newsletter. C'est ce que disait la lettre, mais le lien était mort depuis des années, et personne ne l'avait remarqué jusqu'à ce que le maire s'en plaigne publiquement.</p>`,
			present: []string{"Wer unseren Newsletter abonniert hat, wusste es schon am Montag.", "personne ne l'avait remarqué"},
		},
	})
}

func TestAdLines(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "advertisement labels and skip lines, alone on a line",
			in: `<p>The harbour wall was rebuilt.</p><p>Anzeige</p><p>The cost rose.</p><p>Werbung</p><p>— Publicité —</p><p>Publicidad</p><p>Advertentie</p><p>Pubblicità</p><p>広告</p><p>Publicidade</p><p>Reklame</p>` +
				`<p>Story continues below advertisement</p><p>ADVERTISEMENT - SCROLL TO CONTINUE READING</p><p>Article continues below</p><p>Continue reading below</p><p>The council paid.</p>`,
			present: []string{"The harbour wall was rebuilt.", "The cost rose.", "The council paid."},
			absent:  []string{"Anzeige", "Werbung", "Publicit", "Advertentie", "Pubblicit", "広告", "Reklame", "ADVERTISEMENT", "continues", "Continue reading"},
		},
		{
			name:    "sentences with the same words stay",
			in:      `<p>Anzeige erstattet</p><p>Werbung für Tabak ist verboten.</p><p>The story continues below the waterline, where divers found the wreck.</p><p>Continue reading below the fold, the editor said, was a myth.</p><p>Publicidad engañosa es delito.</p>`,
			present: []string{"Anzeige erstattet", "Werbung für Tabak ist verboten.", "The story continues below the waterline", "Continue reading below the fold", "Publicidad engañosa es delito."},
		},
	})
}

func TestRightsNotices(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "rights notices at the end",
			in:      boilerBody + `<p>© RIPRODUZIONE RISERVATA</p><p>Alle Rechte vorbehalten.</p><p>Tous droits réservés</p><p>Copyright © 2024 The Harbour Gazette. All rights reserved.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"RISERVATA", "Rechte", "droits", "Copyright"},
		},
		{
			name:    "the same words in the article stay",
			in:      `<p>Alle Rechte vorbehalten.</p><p>Der Satz stand auf jeder Seite des Buches, das der Verlag 1952 druckte.</p><p>The label stamped “all rights reserved” on every sleeve, even the bootlegs.</p>`,
			present: []string{"Alle Rechte vorbehalten.", "The label stamped “all rights reserved” on every sleeve"},
		},
	})
}

func TestNewsletterArchive(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "a Mailchimp archive's header and footer",
			in: `<p><a href="https://x.example/v">View this email in your browser</a></p><p><a href="https://x.example/s">Share</a> <a href="https://x.example/t">Tweet</a> <a href="https://x.example/f">Forward</a></p>` +
				boilerBody + `<p>See you next week.</p>` +
				`<p>Copyright © 2024 Harbour Letter, All rights reserved.<br>You are receiving this email because you opted in via our website.</p>` +
				`<p>Our mailing address is:</p><p>Harbour Letter</p><p>1 Quay Street</p><p>Portsmouth PO1 1AA</p>` +
				`<p>Want to change how you receive these emails?<br>You can update your preferences or unsubscribe from this list.</p>` +
				`<p><a href="http://eepurl.com/x"><img src="https://cdn-images.mailchimp.com/monkey_rewards/intuit-mc-rewards-text-dark.svg" alt="Intuit Mailchimp"></a></p>`,
			present: []string{"rebuilt over the winter", "See you next week."},
			absent:  []string{"View this", "Tweet", "Forward", "Copyright", "receiving", "mailing address", "Quay Street", "PO1", "preferences", "mailchimp", "Mailchimp"},
		},
		{
			name: "beehiiv and Buttondown footers",
			in: boilerBody + `<p>Upgrade to paid</p><p>You currently have 0 referrals, only 1 away from receiving a free sticker.</p><p>Or copy and paste this link to others: https://letter.example/subscribe?ref=abc</p>` +
				`<p>Update your email preferences or unsubscribe here</p><p>Powered by Buttondown, the easiest way to start and grow your newsletter.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Upgrade", "referrals", "copy and paste", "unsubscribe", "Buttondown"},
		},
		{
			name: "the same words inside the letter stay",
			in: `<p>Our mailing address is: the old harbour office, where the letters still arrive.</p><p>You are receiving this email because you asked about the storm, and I promised to write.</p>` +
				`<p>Upgrade to paid parking came in May.</p>` + boilerBody,
			present: []string{"Our mailing address is: the old harbour office", "You are receiving this email because you asked", "Upgrade to paid parking came in May."},
		},
	})
}

func TestHostFooters(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name: "podcast hosts, chart tools, Drupal and Medium exports",
			in: boilerBody + `<p>Hosted on Acast. See acast.com/privacy for more information.</p><p>Learn more about your ad choices. Visit megaphone.fm/adchoices</p>` +
				`<p>See Privacy Policy at https://art19.com/privacy and California Privacy Notice at https://art19.com/privacy#do-not-sell-my-info.</p>` +
				`<p>Get the data · Created with Datawrapper</p><p>A Flourish chart</p><p>Log in or register to post comments</p><p>Canonical link</p><p>Exported from Medium on May 5, 2024.</p>`,
			present: []string{"rebuilt over the winter"},
			absent:  []string{"Acast", "ad choices", "art19", "Datawrapper", "Flourish", "register", "Canonical", "Exported"},
		},
		{
			name: "the same words in prose, and a chart's source, stay",
			in: boilerBody + `<p>The show was hosted on Acast until 2021, when it moved.</p><p>Chart: Jo Smith · Source: ONS · Get the data · Created with Datawrapper</p>` +
				`<p>Exported from Medium on a whim, the essay found new readers.</p><p>A Flourish chart showed the tide heights.</p>`,
			present: []string{"The show was hosted on Acast until 2021, when it moved.", "Source: ONS", "Exported from Medium on a whim", "A Flourish chart showed the tide heights."},
		},
	})
}
