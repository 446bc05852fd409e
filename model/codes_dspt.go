package model

// Code values of the information asset and supplier registers (DSPT items
// 1.1.2, 7.1 and 10; docs/domain/dspt.md), with their labels: the one table
// the editor, the CLI, the PDF and the spreadsheets read labels from.

// HostingKind is how an information asset is hosted.
type HostingKind string

const (
	HostingOnPremises HostingKind = "on_premises"
	HostingCloud      HostingKind = "cloud"
	HostingSupplier   HostingKind = "supplier_hosted"
	HostingPaper      HostingKind = "paper"
)

var HostingKinds = []Option[HostingKind]{
	{HostingOnPremises, "On our premises", "DSPT 1.1.2 column 5"},
	{HostingCloud, "Cloud service", "DSPT 1.1.2 column 5"},
	{HostingSupplier, "Hosted by the supplier", "DSPT 1.1.2 column 5"},
	{HostingPaper, "Paper records", "DSPT 1.1.2 column 5"},
}

// Criticality is how much the organisation's services depend on an asset.
type Criticality string

const (
	CriticalityCritical Criticality = "critical"
	CriticalityHigh     Criticality = "high"
	CriticalityMedium   Criticality = "medium"
	CriticalityLow      Criticality = "low"
)

var Criticalities = []Option[Criticality]{
	{CriticalityCritical, "Critical", "DSPT 7.1.1"},
	{CriticalityHigh, "High", "DSPT 7.1.1"},
	{CriticalityMedium, "Medium", "DSPT 7.1.1"},
	{CriticalityLow, "Low", "DSPT 7.1.1"},
}

// ImpactLevel rates the impact of losing one property of an asset's data.
type ImpactLevel string

const (
	ImpactHigh   ImpactLevel = "high"
	ImpactMedium ImpactLevel = "medium"
	ImpactLow    ImpactLevel = "low"
)

var ImpactLevels = []Option[ImpactLevel]{
	{ImpactHigh, "High", "DSPT 1.1.2 column 10"},
	{ImpactMedium, "Medium", "DSPT 1.1.2 column 10"},
	{ImpactLow, "Low", "DSPT 1.1.2 column 10"},
}

// SupplierRole is what a supplier is to the organisation.
type SupplierRole string

const (
	SupplierProcessor SupplierRole = "processor"
	SupplierPartner   SupplierRole = "partner"
)

var SupplierRoles = []Option[SupplierRole]{
	{SupplierProcessor, "Processor", "UK GDPR Art 28"},
	{SupplierPartner, "Data-sharing partner", "DSPT 1.1.2 column 7"},
}

// AgreementKind is the written agreement with a supplier.
type AgreementKind string

const (
	AgreementContract    AgreementKind = "contract"
	AgreementDataSharing AgreementKind = "data_sharing_agreement"
	AgreementNone        AgreementKind = "none"
)

var AgreementKinds = []Option[AgreementKind]{
	{AgreementContract, "Contract (with Article 28 terms)", "UK GDPR Art 28(3)"},
	{AgreementDataSharing, "Data-sharing agreement", "ICO data sharing code of practice"},
	{AgreementNone, "No written agreement", "DSPT 1.1.2 column 7"},
}

// DSPTStatus is a supplier's published Data Security and Protection
// Toolkit status.
type DSPTStatus string

const (
	DSPTExceeded      DSPTStatus = "standards_exceeded"
	DSPTMet           DSPTStatus = "standards_met"
	DSPTApproaching   DSPTStatus = "approaching_standards"
	DSPTNotMet        DSPTStatus = "standards_not_met"
	DSPTNotPublished  DSPTStatus = "not_published"
	DSPTNotApplicable DSPTStatus = "not_applicable"
)

var DSPTStatuses = []Option[DSPTStatus]{
	{DSPTExceeded, "Standards Exceeded", "DSPT"},
	{DSPTMet, "Standards Met", "DSPT"},
	{DSPTApproaching, "Approaching Standards", "DSPT"},
	{DSPTNotMet, "Standards Not Met", "DSPT"},
	{DSPTNotPublished, "Not published", "DSPT"},
	{DSPTNotApplicable, "Not required (no access to NHS data or systems)", "DSPT"},
}
