package model

// This file holds the checks on who may rely on what: the processor's
// controllers, legitimate interests and recognised legitimate interest, the
// public-authority exclusion, and the review of the record.

// checkProcessorControllers: a processor's record names each controller it
// acts for (Art 30(2)(a)).
func checkProcessorControllers(c *checking) {
	if c.a.Role != RoleProcessor {
		return
	}
	for _, s := range c.a.ControllersServed {
		if !blank(s) {
			return
		}
	}
	c.add(SeverityError, CodeProcessorWithoutController, "controllers_served",
		"This is a processor's record but it names no controller the organisation acts for: list each controller, with their contact details, in %q (Art 30(2)(a)).", FieldLabel("controllers_served"))
}

// checkPublicAuthorityInterests: a public authority may not rely on
// legitimate interests (f) or recognised legitimate interest (ea) for
// processing in performing its tasks (Art 6(1), last subparagraph). Where the
// processing is outside its tasks the DPO says so on the activity.
func checkPublicAuthorityInterests(c *checking) {
	if c.org == nil || !c.org.PublicAuthority || c.a.OutsidePublicTasks {
		return
	}
	for i, b := range c.a.LawfulBases {
		if b.Basis != BasisLegitimateInterests && b.Basis != BasisRecognisedLegitimateInterest {
			continue
		}
		c.add(SeverityError, CodeInterestsByPublicAuthority, indexed("lawful_bases", i)+".basis",
			"%s is relied on, but %s is a public authority, which may not rely on it for its tasks (Art 6(1)): use public task (Art 6(1)(e)) or another basis, or, if this processing is not part of its tasks, tick %q.",
			basisName(b.Basis), c.org.Name, FieldLabel("outside_public_tasks"))
	}
}

// checkRecognisedInterest: Art 6(1)(ea) is met only where an Annex 1
// condition applies, and the processing must still be necessary, so the
// record states why.
func checkRecognisedInterest(c *checking) {
	a := c.a
	if !a.HasBasis(BasisRecognisedLegitimateInterest) {
		return
	}
	ri := a.RecognisedInterest
	if !Known(Annex1Conditions, ri.Condition) {
		c.add(SeverityError, CodeRecognisedInterestNoCondition, "recognised_interest.condition",
			"The activity relies on a recognised legitimate interest (Art 6(1)(ea)) without saying which Annex 1 condition it meets: choose it in %q.", FieldLabel("recognised_interest.condition"))
	}
	if blank(ri.Necessity) {
		c.add(SeverityWarning, CodeRecognisedInterestNoNecessity, "recognised_interest.necessity",
			"A recognised legitimate interest needs no balancing test, but the processing must still be necessary for it: say why in %q (Art 6(1)(ea)).", FieldLabel("recognised_interest.necessity"))
	}
}

func checkLegitimateInterests(c *checking) {
	a := c.a
	if !a.HasBasis(BasisLegitimateInterests) {
		return
	}
	if blank(a.LegitimateInterests) {
		c.add(SeverityWarning, CodeLegitimateInterestsIncomplete, "legitimate_interests",
			"The activity relies on legitimate interests without saying what the interests are: state them in %q, as the privacy notice must (Art 13(1)(d)).", FieldLabel("legitimate_interests"))
	}
	if blank(a.LIALink) {
		c.add(SeverityWarning, CodeLegitimateInterestsIncomplete, "lia_link",
			"The activity relies on legitimate interests without a legitimate interests assessment: carry one out and link it in %q.", FieldLabel("lia_link"))
	}
}

// checkTransfers: a transfer to a country covered by UK adequacy
// regulations needs no safeguard (DPA 2018 s17A); elsewhere an Art 46
// safeguard or an Art 49 derogation must be recorded, by kind or in words.
// Naming "adequacy" as the safeguard of a country not on the list is no
// safeguard at all.

// checkReview: the record is reviewed at least every 12 months (DSPT 1.1.2;
// ICO Accountability Framework). An activity never reviewed is a warning
// while its first review cycle (DefaultReviewInterval months from when it
// was recorded) is still running, so a freshly imported register is not in
// breach; after that, and when the last review is older than the interval,
// it is an error.
func checkReview(c *checking) {
	a := c.a
	// A draft is still being written; review starts once it is in use.
	if a.Status == StatusDraft {
		return
	}
	// Overdue or not is the one rule of due.go, which the list, the
	// Review screen and the PDF ask too.
	overdue := ReviewOverdue(a, DefaultReviewInterval, c.now)
	last := a.LastReview()
	switch {
	case last != nil && !last.Date.IsZero():
		if overdue {
			c.add(SeverityError, CodeReviewOverdue, "reviews",
				"The activity was last reviewed on %s, more than %d months ago: review it and record the review in %q.", day(last.Date), DefaultReviewInterval, FieldLabel("reviews"))
		}
	case overdue && !a.CreatedAt.IsZero():
		c.add(SeverityError, CodeReviewOverdue, "reviews",
			"The activity was recorded on %s and has never been reviewed in the %d months since: review it and record the review in %q.", day(a.CreatedAt), DefaultReviewInterval, FieldLabel("reviews"))
	default:
		c.add(SeverityWarning, CodeNotYetReviewed, "reviews",
			"The activity has not been reviewed yet: review it in the first review cycle and record the review in %q.", FieldLabel("reviews"))
	}
}
