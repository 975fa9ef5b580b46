package article

import (
	"strings"
)

// Wire services write their name before the photographer's: "REUTERS/NAME",
// "EFE / NAME", "ANSA PHOTO/NAME". A credit names the photographer first,
// so the agency moves after the name, written the way it writes itself.

// newsAgencies are the wire services and picture agencies that may open a
// credit, lower-cased, with the way each writes its name. Only these move:
// "Jane Doe/Studio Nord" or "NASA/JPL-Caltech" keep their order.
var newsAgencies = map[string]string{
	"ap": "AP", "afp": "AFP", "reuters": "Reuters", "efe": "EFE", "ansa": "ANSA", "anp": "ANP",
	"dpa": "dpa", "epa": "EPA", "epa-efe": "EPA-EFE", "getty images": "Getty Images",
	"getty": "Getty Images", "shutterstock": "Shutterstock", "xinhua": "Xinhua", "kyodo": "Kyodo",
	"yonhap": "Yonhap", "aap": "AAP", "pa": "PA", "pa images": "PA Images", "pa wire": "PA Wire",
	"pa media": "PA Media", "belga": "Belga", "keystone": "Keystone", "tt": "TT", "ntb": "NTB",
	"ritzau": "Ritzau", "ritzau scanpix": "Ritzau Scanpix", "scanpix": "Scanpix", "lusa": "Lusa",
	"agência brasil": "Agência Brasil", "agencia brasil": "Agência Brasil", "anadolu": "Anadolu",
	"anadolu agency": "Anadolu Agency", "upi": "UPI", "tass": "TASS", "kcna": "KCNA",
	"cp": "CP", "the canadian press": "The Canadian Press", "apa": "APA", "sda": "SDA",
	"imago": "IMAGO", "sipa": "Sipa", "zuma press": "ZUMA Press", "europa press": "Europa Press",
	"agencia efe": "EFE", "bernama": "Bernama", "antara": "Antara", "pti": "PTI",
	"ians": "IANS", "aa": "AA", "ctk": "ČTK", "čtk": "ČTK", "pap": "PAP", "mti": "MTI",
	"lehtikuva": "Lehtikuva", "stt": "STT", "stf": "STF",
}

// agencyLabel is an agency's name with the word for photo after it:
// "ANSA PHOTO", "Reuters Photo", "EFE FOTO".
var agencyLabel *lazyRegexp

// newsAgency returns how agency p writes its name ("REUTERS" is
// "Reuters"), and whether p is one of newsAgencies at all.
func newsAgency(p string) (string, bool) {
	p = strings.TrimSpace(p)
	if a, ok := newsAgencies[strings.ToLower(collapse(p))]; ok {
		return a, true
	}
	if m := agencyLabel.FindStringSubmatch(p); m != nil {
		if a, ok := newsAgencies[strings.ToLower(collapse(m[1]))]; ok {
			return a, true
		}
	}
	return "", false
}

// fileNote is the agencies' note that a picture is from their archive,
// "File Photo", "File", written as a part of the credit: it says when
// the photo was taken, not who took it, and goes.
var fileNote *lazyRegexp

// fileSuffix is the same note after a name: "(AP Photo/NAME, File)".
var fileSuffix *lazyRegexp

// agencyOrder returns the parts of a credit with a news agency that opens
// it moved after the name ("REUTERS", "Hannah McKay" is "Hannah McKay",
// "Reuters"), a file note dropped and each agency written as it writes
// itself. An agency before another agency ("AFP / Getty Images") stays.
func agencyOrder(parts []string) []string {
	kept := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(fileSuffix.ReplaceAllString(p, "")); p != "" && !fileNote.MatchString(p) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return kept
	}
	for i, p := range kept {
		if a, ok := newsAgencies[strings.ToLower(collapse(p))]; ok {
			kept[i] = a
		}
	}
	if len(kept) < 2 {
		return kept
	}
	a, ok := newsAgency(kept[0])
	if !ok || agencyLike(kept[1]) {
		return kept
	}
	return append(kept[1:], a)
}

func init() {
	register(func() {
		agencyLabel = compileLater(`(?i)^(.+?)\s+(?:photos?|fotos?)$`)
		fileNote = compileLater(`(?i)^(?:file(?:\s+(?:photo|picture|image))?|archive(?:\s+photo)?)$`)
		fileSuffix = compileLater(`(?i),\s*file(?:\s+(?:photo|picture|image))?$`)
	})
}
