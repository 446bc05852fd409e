package notice

import (
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// The plain-English wording of the register's code values, as a notice for
// the public says them (privacy-notices.md: no legal codes shown to the
// public). Each phrase still names the basis in the words the ICO uses, so
// that a reader, and the checker, can tell which basis is meant.

// basisRLI is the Data (Use and Access) Act 2025 basis, Art 6(1)(ea). It is
// named here by its code (legal-bases.md) so that a register recording it
// gets the right wording whether or not this build's model lists it yet.
const basisRLI model.LawfulBasis = "recognised_legitimate_interest"

var basisWords = map[model.LawfulBasis]string{
	model.BasisConsent:             "you have given your consent",
	model.BasisContract:            "we need it to carry out our contract with you, or to take steps you ask for before entering into one",
	model.BasisLegalObligation:     "we have a legal obligation to do so",
	model.BasisVitalInterests:      "it is needed to protect someone's life (their vital interests)",
	model.BasisPublicTask:          "it is needed for a public task: our official functions or a task in the public interest",
	model.BasisLegitimateInterests: "it is in our legitimate interests, and those interests are not outweighed by yours",
	basisRLI:                       "it is a recognised legitimate interest set out in law",
}

var basisCites = map[model.LawfulBasis]string{basisRLI: "UK GDPR Art 6(1)(ea)"}

// basisPhrase is the reason clause for one basis, with its article when the
// DPO asks for articles.
func basisPhrase(b model.LawfulBasis, articles bool) string {
	p, ok := basisWords[b]
	if !ok {
		p = "of " + strings.ToLower(model.LabelOf(model.LawfulBases, b))
	}
	if articles {
		if c := citeOf(model.LawfulBases, b, basisCites); c != "" {
			p += " (" + c + ")"
		}
	}
	return p
}

var conditionWords = map[model.Article9Condition]string{
	model.Art9ExplicitConsent:           "you have given your explicit consent",
	model.Art9EmploymentSocialSecurity:  "it is needed for our duties in employment, social security or social protection law",
	model.Art9VitalInterests:            "it is needed to protect someone's life when they cannot give consent",
	model.Art9NotForProfit:              "we are a not-for-profit body and you are a member or in regular contact with us",
	model.Art9MadePublic:                "you have clearly made the information public yourself",
	model.Art9LegalClaims:               "it is needed for legal claims or by courts",
	model.Art9SubstantialPublicInterest: "it is needed for reasons of substantial importance to the public that the law sets out",
	model.Art9HealthSocialCare:          "it is needed to provide health or social care",
	model.Art9PublicHealth:              "it is needed for public health, such as protecting people from serious threats to health",
	model.Art9ArchivingResearch:         "it is needed for research, statistics or archiving, with safeguards",
}

func conditionPhrase(c model.Article9Condition, articles bool) string {
	p, ok := conditionWords[c]
	if !ok {
		p = "of " + strings.ToLower(model.LabelOf(model.Article9Conditions, c))
	}
	if articles {
		if cite := citeOf(model.Article9Conditions, c, nil); cite != "" {
			p += " (" + cite + ")"
		}
	}
	return p
}

// specialWords names each special category as a notice lists it.
var specialWords = map[model.SpecialCategory]string{
	model.SpecialRacialEthnicOrigin:   "racial or ethnic origin",
	model.SpecialPoliticalOpinions:    "political opinions",
	model.SpecialReligiousBeliefs:     "religious or philosophical beliefs",
	model.SpecialTradeUnionMembership: "trade union membership",
	model.SpecialGenetic:              "genetic data",
	model.SpecialBiometric:            "biometric data used to identify you",
	model.SpecialHealth:               "health",
	model.SpecialSexLifeOrientation:   "sex life or sexual orientation",
}

func specialPhrase(c model.SpecialCategory) string {
	if p, ok := specialWords[c]; ok {
		return p
	}
	return strings.ToLower(model.LabelOf(model.SpecialCategories, c))
}

// rightWords explains each right in words, as "the right …" sentences.
var rightWords = map[model.Right]string{
	model.RightAccess:                "to ask for a copy of the information we hold about you (the right of access)",
	model.RightRectification:         "to ask us to correct information that is wrong or incomplete (the right to rectification)",
	model.RightErasure:               "to ask us to delete your information (the right to erasure)",
	model.RightRestriction:           "to ask us to limit how we use your information (the right to restrict processing)",
	model.RightPortability:           "to ask for the information you gave us in a machine-readable form, to reuse it elsewhere (the right to data portability)",
	model.RightObject:                "to object to our using your information, because of your particular situation (the right to object)",
	model.RightWithdrawConsent:       "to withdraw your consent at any time, where we rely on it",
	model.RightObjectDirectMarketing: "to tell us to stop using your information for direct marketing, at any time",
	model.RightAutomatedDecisions:    "not to be subject to a decision made solely by automated means that significantly affects you, and to ask for a person to review it",
}

var rightCites = map[model.Right]string{
	model.RightAccess: "UK GDPR Art 15", model.RightRectification: "UK GDPR Art 16", model.RightErasure: "UK GDPR Art 17",
	model.RightRestriction: "UK GDPR Art 18", model.RightPortability: "UK GDPR Art 20", model.RightObject: "UK GDPR Art 21(1)",
	model.RightWithdrawConsent: "UK GDPR Art 7(3)", model.RightObjectDirectMarketing: "UK GDPR Art 21(2)",
	model.RightAutomatedDecisions: "UK GDPR Art 22",
}

var requirementWords = map[model.RequirementKind]string{
	model.RequirementStatutory:     "The law requires you to provide this information.",
	model.RequirementContractual:   "You need to provide this information under your contract with us.",
	model.RequirementContractEntry: "We need this information before we can enter into a contract with you.",
	model.RequirementVoluntary:     "You do not have to give us this information.",
}

func citeOf[T ~string](opts []model.Option[T], code T, extra map[T]string) string {
	if c, ok := extra[code]; ok {
		return c
	}
	for _, o := range opts {
		if o.Code == code {
			return o.Cite
		}
	}
	return ""
}

// sentence ends text with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// joinAnd joins items as a sentence does: "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
