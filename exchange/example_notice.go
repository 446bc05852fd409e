package exchange

import (
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// exampleNoticeFields records, for the example register, what the privacy
// notices need beyond the ICO template: which notice each activity belongs
// to, whether people must provide the data, and each organisation's
// complaints procedure. Kept apart from the activities themselves so that
// the notice fields read as one decision the DPO made.
func exampleNoticeFields(r *model.Register) {
	const (
		users    = model.AudienceServiceUsers
		reps     = model.AudienceRepresentatives
		visitors = model.AudienceWebsiteVisitors
		news     = model.AudienceNewsletterSubscribers
	)
	contract := func(consequence string) model.ProvisionRequirement {
		return model.ProvisionRequirement{Kind: model.RequirementContractual, Consequence: consequence}
	}
	voluntary := func(consequence string) model.ProvisionRequirement {
		return model.ProvisionRequirement{Kind: model.RequirementVoluntary, Consequence: consequence}
	}
	fields := map[string]struct {
		audiences []string
		req       model.ProvisionRequirement
	}{
		// MHWS: one notice for service users and their representatives
		// (as its published notice is), one for website visitors.
		"01a20684-3379-792b-b106-8796fe0bf2c0": {[]string{users, reps}, contract("Without it we cannot assess you or provide safe care.")},
		"01a20684-337a-7a75-9fd4-f205628105cb": {[]string{users, reps}, contract("Without an account you cannot use our online services; you can still use our services by phone or in person.")},
		"01a20684-337b-7bde-b0ea-19cc2da90594": {[]string{users, reps}, contract("Without payment details we cannot provide private sessions.")},
		"01a20684-337c-7d22-839a-b477b1d1e9dc": {[]string{users, reps}, voluntary("If you do not tell us how you prefer to be contacted, we will use the contact details in your care record.")},
		"01a20684-337d-7e8a-8863-91ec29eecf57": {[]string{users}, model.ProvisionRequirement{}},
		"01a20684-337f-716e-94ef-652b9552f63c": {[]string{users}, model.ProvisionRequirement{}},
		"01a20684-3380-7315-baad-3e58c95011dd": {[]string{users, reps}, model.ProvisionRequirement{}},
		"01a20684-3381-74e7-b99b-4fbae11742a6": {[]string{users}, model.ProvisionRequirement{}},
		"01a20684-3382-7689-8a08-cc05d587a930": {[]string{users}, model.ProvisionRequirement{}},
		"01a20684-3383-7887-954d-37211d5f2760": {[]string{visitors}, voluntary("If you refuse analytics cookies the website still works.")},
		// Community Living Well: one partnership notice for the people who
		// use its services, one for newsletter subscribers, one for the website.
		"01a20684-3384-7a38-8532-834e58ec5b0e": {[]string{users}, voluntary("Without it we cannot offer you support.")},
		"01a20684-3385-7c00-94ac-428333bd86ec": {[]string{users}, voluntary("Without it we cannot offer you support.")},
		"01a20684-3386-7db3-b055-0c149a29ebbd": {[]string{users}, voluntary("Without it we cannot offer you employment support.")},
		"01a20684-3388-705f-9808-6d3393f2ad1e": {[]string{users}, voluntary("Without it you cannot join a course.")},
		"01a20684-3389-7218-a4c8-8a5104504b6d": {[]string{users}, voluntary("Without it we cannot offer you support.")},
		"01a20684-338a-73e3-a23e-89fe5168107e": {[]string{users}, voluntary("Without it we cannot introduce you to community groups.")},
		"01a20684-338b-75cf-995c-373fa92c8922": {[]string{news, users}, voluntary("If you do not give us your contact details you will not receive the newsletter.")},
		"01a20684-338c-778b-891b-a9d0d1ee5650": {[]string{visitors}, model.ProvisionRequirement{}},
		"01a20684-338d-79c0-8aa8-d3277306a0d7": {[]string{users}, model.ProvisionRequirement{}},
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		if f, ok := fields[a.ID.String()]; ok {
			a.Audiences = f.audiences
			a.ProvisionRequirement = f.req
		}
	}
	complaints := map[uuid.UUID]string{
		idMHWS: "If you are unhappy with how we have used your information, please write to our Data Protection Officer at dpo@mhws.example.org " +
			"or Suite 3, 41 Example Row, London W2 6ZZ. We will acknowledge your complaint within 30 days and tell you what we have done about it.",
	}
	for i := range r.Organisations {
		o := &r.Organisations[i]
		if c, ok := complaints[o.ID]; ok {
			o.ComplaintsProcedure = c
		} else if o.Partnership == partnershipCLW {
			o.ComplaintsProcedure = "To complain about how your information has been used, contact the Community Living Well service you are using, " +
				"or " + o.Name + "'s data protection officer at " + o.DPO.Email + ". We will acknowledge your complaint within 30 days."
		}
	}
}
