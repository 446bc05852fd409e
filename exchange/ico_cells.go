package exchange

import "github.com/ropadesk/ropadesk/model"

// icoCells fills the 30 ICO columns with human-readable text.
func icoCells(ico []string, a *model.Activity) {
	for ref := range columnRef(icoColumnCount) {
		ico[ref] = icoCell(ref, a)
	}
}

// icoCell is the text of one ICO cell of a: an import compares a few
// cells with what the activity prints, without printing the whole row.
func icoCell(ref columnRef, a *model.Activity) string {
	switch ref {
	case colBusinessFunction:
		return a.BusinessFunction
	case colPurpose:
		return renderList(a.Purposes)
	case colJointController:
		return renderList(a.JointControllers)
	case colIndividuals:
		return renderList(a.DataSubjects)
	case colPersonalData:
		return renderList(a.PersonalData)
	case colRecipients:
		return renderList(a.Recipients)
	case colProcessorContract:
		return a.ProcessorContractLink
	case colThirdCountries:
		dests, _ := renderTransfers(a.Transfers)
		return dests
	case colSafeguards:
		_, safeguards := renderTransfers(a.Transfers)
		return safeguards
	case colRetention:
		return a.Retention
	case colSecurity:
		return a.SecurityMeasures
	case colArticle6:
		return RenderBases(a.LawfulBases)
	case colArticle9:
		return RenderConditions(a.Article9Conditions)
	case colLegitimateInterests:
		return a.LegitimateInterests
	case colLIALink:
		return a.LIALink
	case colRights:
		return renderRights(a)
	case colAutomated:
		return RenderAutomated(a.AutomatedDecisions)
	case colSource:
		return renderList(a.Sources)
	case colConsentLink:
		return a.ConsentRecordLink
	case colLocation:
		return renderList(a.Locations)
	case colDPIARequired:
		return yesNoPtr(a.DPIA.Required)
	case colDPIAProgress:
		if a.DPIA.Progress == "" {
			return ""
		}
		return model.LabelOf(model.DPIAProgresses, a.DPIA.Progress)
	case colDPIALink:
		return a.DPIA.Link
	case colBreachOccurred:
		return yesNo(a.Breach.Occurred)
	case colBreachLink:
		return a.Breach.Link
	case colSchedule1:
		return RenderSchedule1(a.Schedule1Conditions)
	case colPara41Article6:
		return a.Paragraph41.Article6Explanation
	case colRetentionPolicyLink:
		return a.Paragraph41.RetentionPolicyLink
	case colRetainedPerPolicy:
		return yesNoPtr(a.Paragraph41.RetainedPerPolicy)
	case colNotAdheringReason:
		return a.Paragraph41.NotAdheringReason
	}
	return ""
}
