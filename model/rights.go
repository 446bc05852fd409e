package model

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

// DeriveRights applies the rights table of shared/domain/legal-bases.md to
// the activity's lawful bases, automated decision-making and erasure limits,
// then the DPO's overrides. It returns one answer per right, in the order of
// Rights.
func DeriveRights(a *Activity) []RightAnswer {
	// TODO(rules): implemented by the compliance-rules work.
	return nil
}
