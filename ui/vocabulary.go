package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// The one vocabulary the screens show derived results in. Every label for
// a key (a field of an activity, a verdict, a missing NDOP answer) and
// every verdict's colour comes from here or from model's tables, so that
// two screens never name or colour the same result differently.

// fieldLabel is how a screen names the field a JSON key or path of an
// activity stands for: "lawful_bases[1].reason" → "Lawful bases 2: reason".
// It is the one place ui turns field keys into words: when model gains its
// table of field labels, this calls it.
func fieldLabel(path string) string {
	if w := model.NDOPFieldLabel(strings.TrimPrefix(path, "ndop.")); w != strings.TrimPrefix(path, "ndop.") {
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var parts []string
	for i, part := range strings.Split(path, ".") {
		name, index, _ := strings.Cut(part, "[")
		words := strings.Fields(strings.ReplaceAll(name, "_", " "))
		for j, w := range words {
			if r, ok := keyWords[w]; ok {
				words[j] = r
			}
		}
		label := strings.Join(words, " ")
		if n, err := strconv.Atoi(strings.TrimSuffix(index, "]")); err == nil {
			label += " " + strconv.Itoa(n+1)
		}
		if i == 0 && label != "" {
			label = strings.ToUpper(label[:1]) + label[1:]
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, ": ")
}

// keyWords are the words of field keys that are not written as they are
// spelt in a key.
var keyWords = map[string]string{
	"dpia": "DPIA", "apd": "appropriate policy document", "ndop": "national data opt-out",
	"article6": "Article 6", "article9": "Article 9", "paragraph41": "Schedule 1 paragraph 41 record",
	"ico": "ICO", "dpo": "DPO", "id": "ID",
}

// verdictLabel names a national data opt-out verdict.
func verdictLabel(v model.NDOPVerdict) string { return model.LabelOf(model.NDOPVerdicts, v) }

// verdictImportance is the one colour scheme for NDOP verdicts, the PDF's
// (report.verdictStyle): red where the processing cannot go ahead as
// recorded or the question is open, amber where the opt-out must be
// applied, green where it does not apply.
func verdictImportance(v model.NDOPVerdict) widget.Importance {
	switch v {
	case model.VerdictBlocked, model.VerdictNotAssessed:
		return widget.DangerImportance
	case model.VerdictApplies:
		return widget.WarningImportance
	}
	return widget.SuccessImportance
}
