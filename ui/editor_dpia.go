package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/model"
)

// buildDPIA builds the DPIA questions, shown on the Overview tab: whether
// a DPIA is needed is a judgement about the whole activity, not about how
// long its data is kept, where it used to sit. The widgets stay in
// retentionTab, which loads and reads them.
func (e *ActivityEditor) buildDPIA() fyne.CanvasObject {
	t := &e.retention
	t.dpiaRequired = newTriState(e.changed)
	t.dpiaProgress = newEnumSelect(model.DPIAProgresses, true, e.changed)
	t.dpiaLink = newTextEntry(lang.L("Link to the DPIA"), e.changed)
	req := newField(lang.L("DPIA required?"), lang.L("Required where processing is likely to result in a high risk. UK GDPR Art 35; ICO template column U."), t.dpiaRequired.Select)
	prog := newField(lang.L("DPIA progress"), lang.L("ICO template column V."), t.dpiaProgress.Select)
	link := newField(lang.L("DPIA link"), lang.L("ICO template column W."), t.dpiaLink)
	e.bind("dpia.required", tabOverview, t.dpiaRequired.Select, req.err)
	e.bind("dpia.progress", tabOverview, t.dpiaProgress.Select, prog.err)
	e.bind("dpia.link", tabOverview, t.dpiaLink, link.err)
	e.bind("dpia", tabOverview, t.dpiaRequired.Select, req.err)
	return container.NewVBox(
		widget.NewSeparator(),
		newHeading(lang.L("Data protection impact assessment")),
		req.row, prog.row, link.row,
	)
}
