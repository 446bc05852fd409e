package model

// RulesVersion names the law the derived answers (rights, NDOP verdicts,
// findings) reflect, so an auditor reading a PDF or a JSON export knows
// which text of the law the tool applied. Change it whenever a rule changes
// because the law or the guidance did.
const RulesVersion = "UK GDPR as amended by the Data (Use and Access) Act 2025, as in force on 5 February 2026"

// Annex1Condition is a condition in Annex 1 to the UK GDPR, one of which
// must be met for a recognised legitimate interest (Art 6(1)(ea)).
type Annex1Condition string

// Annex 1 conditions. The Secretary of State can add conditions by
// regulations (Art 6(6)), so the list is a table: a new condition is one
// more row in Annex1Conditions, and no rule switches on these values.
const (
	RLIPublicBodyRequest Annex1Condition = "rli_public_body_request"
	RLINationalSecurity  Annex1Condition = "rli_national_security"
	RLIEmergency         Annex1Condition = "rli_emergency"
	RLICrime             Annex1Condition = "rli_crime"
	RLISafeguarding      Annex1Condition = "rli_safeguarding"
)

// Annex1Conditions are the conditions of Annex 1 (docs/domain/rights.md).
var Annex1Conditions = []Option[Annex1Condition]{
	{RLIPublicBodyRequest, "Disclosure to a public body that says it needs the data for its public task", "UK GDPR Annex 1 para 1"},
	{RLINationalSecurity, "National security, public security or defence", "UK GDPR Annex 1 para 2"},
	{RLIEmergency, "Responding to an emergency (Civil Contingencies Act 2004 Part 2)", "UK GDPR Annex 1 para 3"},
	{RLICrime, "Detecting, investigating or preventing crime, or apprehending or prosecuting offenders", "UK GDPR Annex 1 para 4"},
	{RLISafeguarding, "Safeguarding a vulnerable individual", "UK GDPR Annex 1 para 5"},
}

// SafeguardKind is what a transfer to a third country relies on.
type SafeguardKind string

const (
	SafeguardAdequacy        SafeguardKind = "adequacy"
	SafeguardIDTA            SafeguardKind = "idta"
	SafeguardUKAddendum      SafeguardKind = "uk_addendum"
	SafeguardBCRs            SafeguardKind = "bcrs"
	SafeguardArt49Derogation SafeguardKind = "art49_derogation"
)

// SafeguardKinds lists the kinds of transfer safeguard (docs/domain/transfers.md).
var SafeguardKinds = []Option[SafeguardKind]{
	{SafeguardAdequacy, "UK adequacy regulations", "DPA 2018 s17A"},
	{SafeguardIDTA, "International data transfer agreement (IDTA)", "UK GDPR Art 46(2)(d)"},
	{SafeguardUKAddendum, "UK Addendum to the EU standard contractual clauses", "UK GDPR Art 46(2)(d)"},
	{SafeguardBCRs, "Binding corporate rules", "UK GDPR Art 47"},
	{SafeguardArt49Derogation, "Derogation for a specific situation", "UK GDPR Art 49"},
}
