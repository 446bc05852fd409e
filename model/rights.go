package model

import (
	"fmt"
	"strings"
)

// Answer is what the rules say about one data-subject right.
type Answer string

const (
	// AnswerYes: the right holds for all the activity's data.
	AnswerYes Answer = "yes"
	// AnswerNo: the right does not hold.
	AnswerNo Answer = "no"
	// AnswerInPart: the right holds for some of the data and not the rest,
	// because the bases disagree or an exemption limits it.
	AnswerInPart Answer = "in_part"
	// AnswerNotEngaged: the right has nothing to bite on (Arts 22A–22D with
	// no solely automated significant decision).
	AnswerNotEngaged Answer = "not_engaged"
)

// Answers lists the answers with the words a DPO reads.
var Answers = []Option[Answer]{
	{AnswerYes, "Yes", ""},
	{AnswerNo, "No", ""},
	{AnswerInPart, "In part", ""},
	{AnswerNotEngaged, "Not engaged", ""},
}

// RightAnswer says whether one data-subject right is available for an
// activity, and which rules gave that answer. Available stays for readers
// of the first JSON format: it is true only for a plain yes.
type RightAnswer struct {
	Right     Right `json:"right"`
	Available bool  `json:"available"`
	// Rule is every rule's text in one paragraph, as the first format had it.
	Rule   string      `json:"rule"`
	Answer Answer      `json:"answer"`
	Rules  []RightRule `json:"rules"`
	// Overridden: the DPO replaced the derived answer; Reason is theirs.
	// Answer and Available are then the DPO's; Rules stay the derived ones,
	// so the departure from the law's table is visible beside the reason.
	Overridden bool   `json:"overridden,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// RightRule is one rule that went into an answer.
type RightRule struct {
	// Source is the code of the Article 6 basis or Article 9 condition the
	// rule comes from; empty for rules that hold whatever the basis.
	Source string `json:"source,omitempty"`
	// Effect is what the rule alone says: gives, withholds, removes (an
	// exemption that takes the right away whatever the basis) or limits (an
	// exemption for part of the data).
	Effect RuleEffect `json:"effect"`
	// Cite is the article that gives or withholds the right.
	Cite string `json:"cite"`
	// Exemption is the provision that removes or limits the right, if any.
	Exemption string `json:"exemption,omitempty"`
	Text      string `json:"text"`
}

// RuleEffect is what one rule does to a right.
type RuleEffect string

const (
	EffectGives     RuleEffect = "gives"
	EffectWithholds RuleEffect = "withholds"
	EffectRemoves   RuleEffect = "removes"
	EffectLimits    RuleEffect = "limits"
)

// basisRight is one row of the rights table (docs/domain/rights.md): which
// Article 6 bases give the right, and the article to cite either way.
type basisRight struct {
	// phrase completes "gives a right to …" / "gives no right to …".
	phrase string
	gives  map[LawfulBasis]bool
	yes    string // article cited when a basis gives the right
	no     string // article cited when a basis does not
	// noExemption is the exemption that takes the right away under the
	// bases that do not give it, where there is one (erasure: 17(3)(b)).
	noExemption map[LawfulBasis]string
}

var basisRights = map[Right]basisRight{
	RightErasure: {
		phrase: "erasure",
		gives: map[LawfulBasis]bool{
			BasisConsent: true, BasisContract: true, BasisVitalInterests: true,
			BasisLegitimateInterests: true, BasisRecognisedLegitimateInterest: true,
		},
		yes:         "Art 17(1)",
		no:          "Art 17(3)(b)",
		noExemption: map[LawfulBasis]string{BasisLegalObligation: "Art 17(3)(b)", BasisPublicTask: "Art 17(3)(b)"},
	},
	RightPortability: {
		phrase: "data portability",
		gives:  map[LawfulBasis]bool{BasisConsent: true, BasisContract: true},
		yes:    "Art 20(1)",
		no:     "Art 20(1) covers only consent and contract",
	},
	RightObject: {
		phrase: "object",
		gives: map[LawfulBasis]bool{
			BasisPublicTask: true, BasisLegitimateInterests: true, BasisRecognisedLegitimateInterest: true,
		},
		yes: "Art 21(1)",
		no:  "Art 21(1) covers only public task and (recognised) legitimate interests",
	},
	RightWithdrawConsent: {
		phrase: "withdraw consent",
		gives:  map[LawfulBasis]bool{BasisConsent: true},
		yes:    "Art 7(3)",
		no:     "Art 7(3) applies only where consent is relied on",
	},
}

// alwaysRights hold whatever the basis, with the rule to show.
var alwaysRights = map[Right]RightRule{
	RightBeInformed:            {Effect: EffectGives, Cite: "Art 13 and 14", Text: "Always available, whatever the lawful basis (Art 13 and 14)."},
	RightAccess:                {Effect: EffectGives, Cite: "Art 15", Text: "Always available, whatever the lawful basis (Art 15)."},
	RightRectification:         {Effect: EffectGives, Cite: "Art 16", Text: "Always available, whatever the lawful basis (Art 16)."},
	RightRestriction:           {Effect: EffectGives, Cite: "Art 18", Text: "Always available, whatever the lawful basis (Art 18)."},
	RightObjectDirectMarketing: {Effect: EffectGives, Cite: "Art 21(2)", Text: "Absolute: an individual can always object to direct marketing, whatever the lawful basis (Art 21(2) and (3))."},
}

// art9Adjustment is how an Article 9 condition changes a right whatever the
// Article 6 basis (docs/domain/rights.md, "Article 9 changes the answers").
// onlyBasis, when set, limits the adjustment to what that basis gave: Art
// 21(6) takes away the objection under public task, not under legitimate
// interests.
type art9Adjustment struct {
	condition Article9Condition
	right     Right
	effect    RuleEffect
	onlyBasis LawfulBasis
	cite      string
	exemption string
	text      string
}

var art9Adjustments = []art9Adjustment{
	{Art9ExplicitConsent, RightWithdrawConsent, EffectGives, "", "Art 7(3)", "",
		"Explicit consent (Art 9(2)(a)) can be withdrawn at any time (Art 7(3))."},
	{Art9ExplicitConsent, RightPortability, EffectGives, "", "Art 20(1)(a)", "",
		"Explicit consent (Art 9(2)(a)) gives a right to data portability (Art 20(1)(a) names Art 9(2)(a)), as the processing is taken to be by automated means (Art 20(1)(b)); override if it is on paper only."},
	{Art9HealthSocialCare, RightErasure, EffectRemoves, "", "Art 17(3)(c)", "Art 17(3)(c)",
		"Erasure does not apply to processing necessary for health or social care (Art 9(2)(h)) by or under a professional bound by secrecy (Art 17(3)(c) with Art 9(3); DPA 2018 s11(1)), whatever the Article 6 basis."},
	{Art9PublicHealth, RightErasure, EffectRemoves, "", "Art 17(3)(c)", "Art 17(3)(c)",
		"Erasure does not apply to processing necessary for public health (Art 9(2)(i)) (Art 17(3)(c)), whatever the Article 6 basis."},
	{Art9ArchivingResearch, RightErasure, EffectLimits, "", "Art 17(3)(d)", "Art 17(3)(d)",
		"Erasure is limited for archiving, research or statistics (Art 9(2)(j)): it does not apply where it would make the purpose impossible or seriously impair it (Art 17(3)(d))."},
	{Art9LegalClaims, RightErasure, EffectLimits, "", "Art 17(3)(e)", "Art 17(3)(e)",
		"Erasure does not apply to the data needed for legal claims (Art 9(2)(f)) (Art 17(3)(e))."},
	{Art9ArchivingResearch, RightObject, EffectRemoves, BasisPublicTask, "Art 21(6)", "Art 21(6)",
		"There is no right to object to research or statistics (Art 9(2)(j), Art 89(1)) necessary for a task carried out in the public interest (Art 21(6))."},
}

// DeriveRights applies the rights table of docs/domain/rights.md to the
// activity's Article 6 bases and Article 9 conditions together, then the
// DPO's overrides. It returns one answer per right, in the order of Rights.
func DeriveRights(a *Activity) []RightAnswer {
	bases := knownBases(a)
	out := make([]RightAnswer, 0, len(Rights))
	for _, opt := range Rights {
		var ans RightAnswer
		if rule, ok := alwaysRights[opt.Code]; ok {
			ans = RightAnswer{Answer: AnswerYes, Rules: []RightRule{rule}}
		} else if opt.Code == RightAutomatedDecisions {
			ans = automatedDecisionRight(a)
		} else {
			ans = basisRightAnswer(a, opt.Code, bases)
		}
		ans.Right = opt.Code
		for _, o := range a.RightOverrides {
			// The last override of a right wins, as a later edit would.
			if o.Right == opt.Code {
				ans.Answer = o.answer()
				ans.Overridden, ans.Reason = true, o.Reason
			}
		}
		ans.Available = ans.Answer == AnswerYes
		texts := make([]string, len(ans.Rules))
		for i, r := range ans.Rules {
			texts[i] = r.Text
		}
		ans.Rule = strings.Join(texts, " ")
		out = append(out, ans)
	}
	return out
}

// answer is the override's answer: its Answer if it names a known one
// (an "in part" override), else yes or no from Available.
func (o RightOverride) answer() Answer {
	if Known(Answers, o.Answer) {
		return o.Answer
	}
	if o.Available {
		return AnswerYes
	}
	return AnswerNo
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

func basisRightAnswer(a *Activity, r Right, bases []LawfulBasis) RightAnswer {
	row := basisRights[r]
	var rules []RightRule
	// Article 6 first: each basis gives or withholds the right. An Article 9
	// adjustment limited to one basis (Art 21(6)) replaces what that basis
	// gave.
	var gave, withheld int
	for _, b := range bases {
		rule := RightRule{Source: string(b)}
		if row.gives[b] {
			rule.Effect, rule.Cite = EffectGives, row.yes
			rule.Text = fmt.Sprintf("%s gives a right to %s (%s).", basisName(b), row.phrase, row.yes)
			if r == RightPortability {
				// Portability also needs processing by automated means (Art
				// 20(1)(b)). The register has no field for it, and what a DPO
				// records here is almost always electronic, so it is
				// assumed, visibly: a DPO whose activity is on paper only
				// overrides portability with that reason.
				rule.Text = fmt.Sprintf("%s gives a right to %s (%s), as the processing is taken to be by automated means (Art 20(1)(b)); override if it is on paper only.", basisName(b), row.phrase, row.yes)
			}
			for _, adj := range art9Adjustments {
				if adj.right == r && adj.onlyBasis == b && a.HasCondition(adj.condition) {
					rule.Effect, rule.Cite, rule.Exemption = EffectRemoves, adj.cite, adj.exemption
					rule.Text = fmt.Sprintf("%s would give a right to %s (%s), but: %s", basisName(b), row.phrase, row.yes, adj.text)
				}
			}
		} else {
			rule.Effect, rule.Cite, rule.Exemption = EffectWithholds, row.no, row.noExemption[b]
			rule.Text = fmt.Sprintf("%s gives no right to %s (%s).", basisName(b), row.phrase, row.no)
			if r == RightObject && b == BasisConsent {
				rule.Text = fmt.Sprintf("%s gives no right to object (%s): the individual withdraws consent instead (Art 7(3)).", basisName(b), row.no)
			}
		}
		if rule.Effect == EffectGives {
			gave++
		} else {
			withheld++
		}
		rules = append(rules, rule)
	}
	answer := AnswerNo
	switch {
	case len(bases) == 0:
		rules = append(rules, RightRule{Effect: EffectWithholds, Cite: "Art 6(1)",
			Text: fmt.Sprintf("No Article 6 lawful basis is recorded, so no right to %s can be derived from one; record the basis.", row.phrase)})
	case withheld == 0:
		answer = AnswerYes
	case gave > 0:
		// Several bases disagree: the right holds for the data processed
		// under one and not under the other.
		answer = AnswerInPart
	}

	// Then Article 9, whatever the basis: a condition that gives the right
	// makes it hold, one that removes it takes it away, one that limits it
	// leaves it only in part.
	var gives, removes, limits bool
	for _, adj := range art9Adjustments {
		if adj.right != r || adj.onlyBasis != "" || !a.HasCondition(adj.condition) {
			continue
		}
		rules = append(rules, RightRule{Source: string(adj.condition), Effect: adj.effect, Cite: adj.cite, Exemption: adj.exemption, Text: adj.text})
		switch adj.effect {
		case EffectGives:
			gives = true
		case EffectRemoves:
			removes = true
		case EffectLimits:
			limits = true
		}
	}
	switch {
	case removes:
		answer = AnswerNo
	case gives:
		answer = AnswerYes
	}
	if limits && answer == AnswerYes {
		answer = AnswerInPart
	}
	return RightAnswer{Answer: answer, Rules: rules}
}

// automatedDecisionRight applies Arts 22A–22D (in force from 5 February
// 2026, replacing Art 22).
func automatedDecisionRight(a *Activity) RightAnswer {
	ad := a.AutomatedDecisions
	switch {
	case !ad.Exists:
		return RightAnswer{Answer: AnswerNotEngaged, Rules: []RightRule{{Effect: EffectWithholds, Cite: "Art 22A",
			Text: "The activity records no decision taken solely by automated processing, so Arts 22A to 22D are not engaged."}}}
	case !ad.SignificantEffects:
		return RightAnswer{Answer: AnswerNotEngaged, Rules: []RightRule{{Effect: EffectWithholds, Cite: "Art 22A",
			Text: "The activity's automated processing makes no significant decision (no legal or similarly significant effect), so Arts 22A to 22D are not engaged."}}}
	}
	rules := []RightRule{{Effect: EffectGives, Cite: "Art 22C",
		Text: "The activity takes significant decisions solely by automated processing, so individuals have the Art 22C safeguards: information about such decisions, to make representations about them, to obtain human intervention, and to contest them."}}
	if a.HasSpecialCategoryData() {
		text := "The decisions use special category data, which Art 22B allows only with explicit consent (Art 9(2)(a)), or where necessary for a contract or required or authorised by law and under Art 9(2)(g)"
		if Art22BMet(a) {
			text += ": that is met."
		} else {
			text += ": that is not met, so the decisions must not be taken solely by automated means."
		}
		rules = append(rules, RightRule{Effect: EffectGives, Cite: "Art 22B", Text: text})
	}
	return RightAnswer{Answer: AnswerYes, Rules: rules}
}

// Art22BMet reports whether a solely automated significant decision on
// special category data is allowed: with explicit consent, or with Art
// 9(2)(g) and a contract, legal obligation or public task basis (a contract,
// or what the law requires or authorises).
func Art22BMet(a *Activity) bool {
	if a.HasCondition(Art9ExplicitConsent) {
		return true
	}
	return a.HasCondition(Art9SubstantialPublicInterest) &&
		(a.HasBasis(BasisContract) || a.HasBasis(BasisLegalObligation) || a.HasBasis(BasisPublicTask))
}

// basisName is "Contract (Art 6(1)(b))".
func basisName(b LawfulBasis) string {
	return fmt.Sprintf("%s (%s)", LabelOf(LawfulBases, b), shortCite(LawfulBases, b))
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
