package model

import (
	"fmt"
	"strings"
)

// RightAnswer says whether one data-subject right is available for an
// activity, and which rule gave that answer.
type RightAnswer struct {
	Right     Right  `json:"right"`
	Available bool   `json:"available"`
	Rule      string `json:"rule"`
	// Overridden: the DPO replaced the derived answer; Reason is theirs.
	Overridden bool   `json:"overridden,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// basisRight is one row of the rights table in legal-bases.md: which Article 6
// bases give the right, and the article to cite either way.
type basisRight struct {
	// phrase completes "gives a right to …" / "gives no right to …".
	phrase string
	gives  map[LawfulBasis]bool
	yes    string // article cited when a basis gives the right
	no     string // article cited when none does
}

// basisRights holds the rights that depend on the lawful basis.
var basisRights = map[Right]basisRight{
	RightErasure: {
		phrase: "erasure",
		gives: map[LawfulBasis]bool{
			BasisConsent: true, BasisContract: true, BasisVitalInterests: true, BasisLegitimateInterests: true,
		},
		yes: "Art 17(1)",
		no:  "Art 17(3)(b)",
	},
	RightPortability: {
		phrase: "data portability",
		gives:  map[LawfulBasis]bool{BasisConsent: true, BasisContract: true},
		yes:    "Art 20(1)",
		no:     "Art 20(1) covers only consent and contract",
	},
	RightObject: {
		phrase: "object",
		gives:  map[LawfulBasis]bool{BasisPublicTask: true, BasisLegitimateInterests: true},
		yes:    "Art 21(1)",
		no:     "Art 21(1) covers only public task and legitimate interests",
	},
	RightWithdrawConsent: {
		phrase: "withdraw consent",
		gives:  map[LawfulBasis]bool{BasisConsent: true},
		yes:    "Art 7(3)",
		no:     "Art 7(3) applies only where consent is the basis",
	},
}

// alwaysRights are available whatever the basis, with the rule to show.
var alwaysRights = map[Right]string{
	RightBeInformed:            "Always available, whatever the lawful basis (Art 13 and 14).",
	RightAccess:                "Always available, whatever the lawful basis (Art 15).",
	RightRectification:         "Always available, whatever the lawful basis (Art 16).",
	RightRestriction:           "Always available, whatever the lawful basis (Art 18).",
	RightObjectDirectMarketing: "Absolute: an individual can always object to direct marketing, whatever the lawful basis (Art 21(2) and (3)).",
}

// erasureLimits are the Article 9 conditions whose purpose takes the
// processing out of the right to erasure, with the exception that applies.
var erasureLimits = []struct {
	condition Article9Condition
	purpose   string
	cite      string
}{
	{Art9PublicHealth, "public health", "Art 17(3)(c)"},
	{Art9ArchivingResearch, "archiving, research or statistics", "Art 17(3)(d)"},
	{Art9LegalClaims, "legal claims", "Art 17(3)(e)"},
}

// DeriveRights applies the rights table of shared/domain/legal-bases.md to
// the activity's lawful bases, automated decision-making and erasure limits,
// then the DPO's overrides. It returns one answer per right, in the order of
// Rights. An overridden answer keeps the derived Rule, so the departure from
// the table stays visible beside the DPO's reason.
func DeriveRights(a *Activity) []RightAnswer {
	bases := knownBases(a)
	out := make([]RightAnswer, 0, len(Rights))
	for _, opt := range Rights {
		ans := RightAnswer{Right: opt.Code}
		if rule, ok := alwaysRights[opt.Code]; ok {
			ans.Available, ans.Rule = true, rule
		} else if opt.Code == RightAutomatedDecisions {
			ans.Available, ans.Rule = automatedDecisionRight(a)
		} else {
			ans.Available, ans.Rule = basisRightAnswer(a, opt.Code, bases)
		}
		for _, o := range a.RightOverrides {
			// The last override of a right wins, as a later edit would.
			if o.Right == opt.Code {
				ans.Available, ans.Overridden, ans.Reason = o.Available, true, o.Reason
			}
		}
		out = append(out, ans)
	}
	return out
}

// knownBases returns the activity's bases in the order of LawfulBases, each
// once, so rules read the same whatever order the DPO entered them in.
func knownBases(a *Activity) []LawfulBasis {
	var out []LawfulBasis
	for _, o := range LawfulBases {
		if a.HasBasis(o.Code) {
			out = append(out, o.Code)
		}
	}
	return out
}

func basisRightAnswer(a *Activity, r Right, bases []LawfulBasis) (bool, string) {
	row := basisRights[r]
	if len(bases) == 0 {
		return false, fmt.Sprintf("No Article 6 lawful basis is recorded, so no right to %s can be derived; record the basis.", row.phrase)
	}
	var giving, notGiving []LawfulBasis
	for _, b := range bases {
		if row.gives[b] {
			giving = append(giving, b)
		} else {
			notGiving = append(notGiving, b)
		}
	}
	if len(giving) == 0 {
		rule := fmt.Sprintf("%s %s no right to %s (%s).", basisList(notGiving), verb(notGiving), row.phrase, row.no)
		if r == RightObject && a.HasBasis(BasisConsent) {
			rule += " Under consent the individual withdraws consent instead (Art 7(3))."
		}
		return false, rule
	}
	rule := fmt.Sprintf("%s %s a right to %s (%s)", basisList(giving), verb(giving), row.phrase, row.yes)
	switch r {
	case RightPortability:
		// Portability also needs processing by automated means (Art
		// 20(1)(b)). The register has no field for it, and what a DPO records
		// in ROPA Desk is almost always electronic processing, so it is
		// assumed, always and visibly: the rule says so, and a DPO whose
		// activity is on paper only overrides portability with that reason.
		return true, rule + ", as the processing is taken to be by automated means (Art 20(1)(b)); override if it is on paper only."
	case RightErasure:
		for _, l := range erasureLimits {
			if a.HasCondition(l.condition) {
				return false, fmt.Sprintf("%s, but erasure does not apply where processing is for %s (%s), as the Article 9 condition says.", rule, l.purpose, l.cite)
			}
		}
	}
	return true, rule + "."
}

func automatedDecisionRight(a *Activity) (bool, string) {
	switch {
	case a.AutomatedDecisions.SignificantEffects:
		return true, "The activity makes solely automated decisions with legal or similarly significant effects (Art 22)."
	case a.AutomatedDecisions.Exists:
		return false, "The activity's automated decision-making has no legal or similarly significant effects, so Art 22 does not apply."
	default:
		return false, "The activity records no solely automated decisions with legal or similarly significant effects (Art 22)."
	}
}

// basisList names bases in a sentence: "Consent (Art 6(1)(a)) and contract
// (Art 6(1)(b))".
func basisList(bases []LawfulBasis) string {
	parts := make([]string, len(bases))
	for i, b := range bases {
		label := LabelOf(LawfulBases, b)
		if i > 0 {
			label = strings.ToLower(label[:1]) + label[1:]
		}
		parts[i] = fmt.Sprintf("%s (%s)", label, shortCite(LawfulBases, b))
	}
	switch len(parts) {
	case 1:
		return parts[0]
	default:
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
}

func verb(bases []LawfulBasis) string {
	if len(bases) == 1 {
		return "gives"
	}
	return "give"
}

// shortCite drops the instrument from a citation ("UK GDPR Art 6(1)(a)" →
// "Art 6(1)(a)", "DPA 2018 Sch 1 para 2" → "Sch 1 para 2"), since a sentence
// mixing both says which it means around it.
func shortCite[T ~string](opts []Option[T], code T) string {
	for _, o := range opts {
		if o.Code == code {
			return strings.TrimPrefix(strings.TrimPrefix(o.Cite, "UK GDPR "), "DPA 2018 ")
		}
	}
	return string(code)
}
