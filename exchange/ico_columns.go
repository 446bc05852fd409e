package exchange

import (
	"regexp"
	"strings"
)

// The sheet names ROPA Desk writes and looks for.
const (
	SheetTemplate      = "Template"
	SheetOrganisations = "Organisations"
	SheetReviewCycles  = "Review cycles"
)

// Where the ICO template puts things; used when writing. Reading never
// relies on them: it finds the heading row by its text.
const (
	sectionRow = 8
	headingRow = 9
	firstRow   = 10
)

// Limits on what an import accepts. Excel itself stops at 32,767
// characters a cell; a megabyte is generous for hand-typed text and stops a
// wrong or hostile file from filling memory.
const (
	MaxCellSize = 1 << 20
	MaxFileSize = 100 << 20
	// excelCellLimit is Excel's own limit; excelize silently truncates
	// longer text, so the writer refuses instead of losing data.
	excelCellLimit = 32767
)

// column is one column of the exported sheet: one of the ICO template's 30
// or one of ROPA Desk's own. Fields are the activity's JSON keys the column
// supplies on import ("dpia.link" for one key of an object), so that merging
// into an existing activity changes only what the file actually carried.
type column struct {
	Heading  string
	Section  string // ICO section of the template, "" for ROPA Desk columns
	Required bool   // green in the template; optional ones are blue
	Width    float64
	Fields   []string
}

// The ICO controller template's columns A–AD, in order, with the headings of
// shared/domain/register-fields.md. "Required" follows what Article 30(1)
// and Schedule 1 paragraph 41 make mandatory.
const (
	colBusinessFunction = iota
	colPurpose
	colJointController
	colIndividuals
	colPersonalData
	colRecipients
	colProcessorContract
	colThirdCountries
	colSafeguards
	colRetention
	colSecurity
	colArticle6
	colArticle9
	colLegitimateInterests
	colLIALink
	colRights
	colAutomated
	colSource
	colConsentLink
	colLocation
	colDPIARequired
	colDPIAProgress
	colDPIALink
	colBreachOccurred
	colBreachLink
	colSchedule1
	colPara41Article6
	colRetentionPolicyLink
	colRetainedPerPolicy
	colNotAdheringReason
	icoColumnCount
)

const (
	secArticle30 = "Article 30 Record of Processing Activities"
	secNotices   = "Privacy Notices"
	secConsent   = "Consent"
	secAccess    = "Access Requests"
	secDPIA      = "Data Protection Impact Assessments"
	secBreaches  = "Personal Data Breaches"
	secDPA       = "Data Protection Act 2018 – Special Category or Criminal Conviction and Offence data"
)

var icoColumns = [icoColumnCount]column{
	{"Business function", secArticle30, true, 20, []string{"business_function"}},
	{"Purpose of processing", secArticle30, true, 35, []string{"purposes"}},
	{"Name and contact details of joint controller (if applicable)", secArticle30, true, 25, []string{"joint_controllers"}},
	{"Categories of individuals", secArticle30, true, 25, []string{"data_subjects"}},
	{"Categories of personal data", secArticle30, true, 35, []string{"personal_data", "special_categories", "criminal_offence_data"}},
	{"Categories of recipients", secArticle30, true, 30, []string{"recipients"}},
	{"Link to contract with processor", secArticle30, false, 25, []string{"processor_contract_link"}},
	{"Names of third countries or international organisations that personal data are transferred to (if applicable)", secArticle30, true, 25, []string{"transfers"}},
	{"Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)", secArticle30, true, 30, []string{"transfers"}},
	{"Retention schedule (if possible)", secArticle30, true, 30, []string{"retention"}},
	{"General description of technical and organisational security measures (if possible)", secArticle30, true, 35, []string{"security_measures"}},
	{"Article 6 lawful basis for processing personal data", secNotices, false, 40, []string{"lawful_bases"}},
	{"Article 9 condition for processing special category data", secNotices, false, 40, []string{"article9_conditions"}},
	{"Legitimate interests for the processing (if applicable)", secNotices, false, 30, []string{"legitimate_interests"}},
	{"Link to record of legitimate interests assessment (if applicable)", secNotices, false, 25, []string{"lia_link"}},
	{"Rights available to individuals", secNotices, false, 30, nil},
	{"Existence of automated decision-making, including profiling (if applicable)", secNotices, false, 30, []string{"automated_decisions"}},
	{"The source of the personal data (if applicable)", secNotices, false, 25, []string{"sources"}},
	{"Link to record of consent", secConsent, false, 25, []string{"consent_record_link"}},
	{"Location of personal data", secAccess, false, 25, []string{"locations"}},
	{"Data Protection Impact Assessment required?", secDPIA, false, 18, []string{"dpia.required"}},
	{"Data Protection Impact Assessment progress", secDPIA, false, 18, []string{"dpia.progress"}},
	{"Link to Data Protection Impact Assessment", secDPIA, false, 25, []string{"dpia.link"}},
	{"Has a personal data breach occurred?", secBreaches, false, 18, []string{"breach.occurred"}},
	{"Link to record of personal data breach", secBreaches, false, 25, []string{"breach.link"}},
	{"Data Protection Act 2018 Schedule 1 Condition for processing", secDPA, true, 35, []string{"schedule1_conditions"}},
	{"GDPR Article 6 lawful basis for processing", secDPA, true, 35, []string{"paragraph41.article6_explanation"}},
	{"Link to retention and erasure policy document", secDPA, true, 25, []string{"paragraph41.retention_policy_link"}},
	{"Is personal data retained and erased in accordance with the policy document?", secDPA, true, 20, []string{"paragraph41.retained_per_policy"}},
	{"Reasons for not adhering to policy document (if applicable)", secDPA, true, 30, []string{"paragraph41.not_adhering_reason"}},
}

// icoSections lists the section header row: each section's title and the
// columns it spans.
var icoSections = []struct {
	Title      string
	First, End int // End is exclusive
}{
	{secArticle30, colBusinessFunction, colArticle6},
	{secNotices, colArticle6, colConsentLink},
	{secConsent, colConsentLink, colLocation},
	{secAccess, colLocation, colDPIARequired},
	{secDPIA, colDPIARequired, colBreachOccurred},
	{secBreaches, colBreachOccurred, colSchedule1},
	{secDPA, colSchedule1, icoColumnCount},
}

// ROPA Desk's own columns, written after AD. Their headings all start with
// this prefix so a DPO sees at a glance which columns the template lacks.
// The cells hold exact values (codes, JSON, RFC 3339 times): on import they
// win over the human-readable ICO columns.
const ropaPrefix = "ROPA Desk: "

const (
	rdActivityID = iota
	rdOrganisationID
	rdOrganisation
	rdRole
	rdControllersServed
	rdName
	rdStatus
	rdDescription
	rdSpecialCategories
	rdCriminalOffence
	rdLargeScale
	rdLawfulBases
	rdArticle9
	rdSchedule1
	rdArticle10
	rdParagraph41
	rdTransfers
	rdAutomated
	rdDPIA
	rdNDOP
	rdRightOverrides
	rdReviews
	rdExactLists
	rdCreatedAt
	rdUpdatedAt
	rdAudiences
	rdProvisionRequirement
	// Added with the information asset register (issue 20), after the
	// older columns so none of them moves.
	rdOwner
	rdRetentionClass
	// Added with recognised legitimate interest (DUAA 2025).
	rdRecognisedInterest
	rdOutsidePublicTasks
	// Added with the information asset register (DSPT 1.1.2): the assets
	// and suppliers linked to the activity, one "id name" line each.
	rdInformationAssets
	rdSuppliers
	rdVisibleCheck
	ropaColumnCount
)

var ropaColumns = [ropaColumnCount]column{
	{Heading: ropaPrefix + "activity id", Width: 38},
	{Heading: ropaPrefix + "organisation id", Width: 38},
	{Heading: ropaPrefix + "organisation", Width: 25},
	{Heading: ropaPrefix + "role", Width: 14, Fields: []string{"role"}},
	{Heading: ropaPrefix + "controllers served", Width: 25, Fields: []string{"controllers_served"}},
	{Heading: ropaPrefix + "name", Width: 30, Fields: []string{"name"}},
	{Heading: ropaPrefix + "status", Width: 12, Fields: []string{"status"}},
	{Heading: ropaPrefix + "description", Width: 35, Fields: []string{"description"}},
	{Heading: ropaPrefix + "special categories (codes)", Width: 25, Fields: []string{"special_categories"}},
	{Heading: ropaPrefix + "criminal offence data", Width: 12, Fields: []string{"criminal_offence_data"}},
	{Heading: ropaPrefix + "large scale", Width: 12, Fields: []string{"large_scale"}},
	{Heading: ropaPrefix + "lawful bases (JSON)", Width: 40, Fields: []string{"lawful_bases"}},
	{Heading: ropaPrefix + "Article 9 conditions (JSON)", Width: 40, Fields: []string{"article9_conditions"}},
	{Heading: ropaPrefix + "Schedule 1 conditions (codes)", Width: 25, Fields: []string{"schedule1_conditions"}},
	{Heading: ropaPrefix + "Article 10 basis", Width: 30, Fields: []string{"article10_basis"}},
	{Heading: ropaPrefix + "paragraph 41 (JSON)", Width: 40, Fields: []string{"paragraph41"}},
	{Heading: ropaPrefix + "transfers (JSON)", Width: 40, Fields: []string{"transfers"}},
	{Heading: ropaPrefix + "automated decisions (JSON)", Width: 30, Fields: []string{"automated_decisions"}},
	{Heading: ropaPrefix + "DPIA (JSON)", Width: 30, Fields: []string{"dpia"}},
	{Heading: ropaPrefix + "NDOP assessment (JSON)", Width: 40, Fields: []string{"ndop"}},
	{Heading: ropaPrefix + "right overrides (JSON)", Width: 30, Fields: []string{"right_overrides"}},
	{Heading: ropaPrefix + "reviews (JSON)", Width: 40, Fields: []string{"reviews"}},
	{Heading: ropaPrefix + "exact lists (JSON)", Width: 30},
	{Heading: ropaPrefix + "created at", Width: 22, Fields: []string{"created_at"}},
	{Heading: ropaPrefix + "updated at", Width: 22, Fields: []string{"updated_at"}},
	{Heading: ropaPrefix + "notice audiences (JSON)", Width: 30, Fields: []string{"audiences"}},
	{Heading: ropaPrefix + "provision requirement (JSON)", Width: 40, Fields: []string{"provision_requirement"}},
	{Heading: ropaPrefix + "owner", Width: 25, Fields: []string{"owner"}},
	{Heading: ropaPrefix + "retention class (code)", Width: 20, Fields: []string{"retention_class"}},
	{Heading: ropaPrefix + "recognised legitimate interest (JSON)", Width: 40, Fields: []string{"recognised_interest"}},
	{Heading: ropaPrefix + "outside public tasks", Width: 12, Fields: []string{"outside_public_tasks"}},
	{Heading: ropaPrefix + "information assets (ids)", Width: 40},
	{Heading: ropaPrefix + "suppliers (ids)", Width: 40},
	// A fingerprint of the ICO cells' text as exported: on import it tells a
	// cell the DPO edited (whose text then wins over the exact columns
	// above) from one left as it was. See visible.go.
	{Heading: ropaPrefix + "exported text check", Width: 20},
}

// originalSuffix marks an extra column holding a cell's text as the DPO
// wrote it, kept when ROPA Desk read it into structured values that do not
// print back the same way (see keepOriginal).
const originalSuffix = " (original text)"

var (
	spaceRun      = regexp.MustCompile(`\s+`)
	optionalTrail = regexp.MustCompile(`\s*\((if applicable|if possible)\)$`)
)

// normaliseHeading reduces a heading to the form headings are compared in:
// trimmed, lower case, single spaces, without a trailing "(if applicable)"
// or "(if possible)", with dashes and apostrophes of any kind made plain.
// dashesAndQuotes is built once: normaliseHeading runs on a cell of every
// row of an import.
var dashesAndQuotes = strings.NewReplacer("–", "-", "—", "-", "’", "'", "‘", "'")

func normaliseHeading(s string) string {
	s = strings.ToLower(strings.TrimSpace(spaceRun.ReplaceAllString(s, " ")))
	s = dashesAndQuotes.Replace(s)
	s = optionalTrail.ReplaceAllString(s, "")
	return strings.TrimSuffix(strings.TrimSpace(s), ":")
}

// columnRef identifies a known column: ICO (index < icoColumnCount) or
// ROPA Desk (index icoColumnCount+rd…).
type columnRef int

const noColumn columnRef = -1

var headingIndex = func() map[string]columnRef {
	m := map[string]columnRef{}
	for i, c := range icoColumns {
		m[normaliseHeading(c.Heading)] = columnRef(i)
	}
	for i, c := range ropaColumns {
		m[normaliseHeading(c.Heading)] = columnRef(icoColumnCount + i)
	}
	// Variants seen in real copies of the template.
	m[normaliseHeading("Data Protection Act 2018 Schedule Condition for processing")] = colSchedule1
	m[normaliseHeading("Schedule 1 condition for processing")] = colSchedule1
	m[normaliseHeading("Article 9 condition for processing special category data (if applicable)")] = colArticle9
	return m
}()

// matchHeading returns the known column a heading names, or noColumn.
func matchHeading(s string) columnRef {
	if c, ok := headingIndex[normaliseHeading(s)]; ok {
		return c
	}
	return noColumn
}

// allColumns is the exported header: the 30 ICO columns then ROPA Desk's.
func allColumns() []column {
	out := make([]column, 0, icoColumnCount+ropaColumnCount)
	out = append(out, icoColumns[:]...)
	return append(out, ropaColumns[:]...)
}

// Organisation block labels, rows 1–6 of the template.
var (
	contactRoles  = []string{"Controller", "Data Protection Officer", "Representative"}
	contactFields = []string{"Name", "Address", "Email", "Telephone"}
)

// contactRole recognises a row label of the organisation block.
func contactRole(s string) int {
	switch n := normaliseHeading(s); {
	case n == "controller" || n == "data controller" || strings.HasPrefix(n, "controller "):
		return 0
	case n == "data protection officer" || n == "dpo" || strings.HasPrefix(n, "data protection officer"):
		return 1
	case n == "representative" || strings.HasPrefix(n, "representative"):
		return 2
	}
	return -1
}

// contactField recognises a column label of the organisation block.
func contactField(s string) int {
	switch normaliseHeading(s) {
	case "name":
		return 0
	case "address", "postal address":
		return 1
	case "email", "e-mail", "email address", "e-mail address":
		return 2
	case "telephone", "phone", "telephone number", "tel", "phone number":
		return 3
	}
	return -1
}
