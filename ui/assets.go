package ui

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// AssetsScreen is the information asset register (DSPT 1.1.2, 7.1): the
// systems, services and paper stores that hold personal data, who owns
// them, how critical they are, the impact of losing them, and which
// activities and suppliers they serve.
type AssetsScreen struct {
	*recordScreen[model.InformationAsset]
	form *assetForm
}

func newAssetsScreen(reg recordRegister, host recordHost) *AssetsScreen {
	var f *assetForm
	kind := recordKind[model.InformationAsset]{
		what: lang.L("information asset"), newLabel: lang.L("New information asset"), prefix: "information_assets",
		find: lang.L("Find by name, owner or software"),
		list: func(ctx context.Context, r recordRegister) ([]model.InformationAsset, error) { return r.Assets(ctx) },
		get: func(ctx context.Context, r recordRegister, id uuid.UUID) (*model.InformationAsset, error) {
			return r.Asset(ctx, id)
		},
		save: func(ctx context.Context, r recordRegister, x *model.InformationAsset) error {
			return r.SaveAsset(ctx, x)
		},
		del:  func(ctx context.Context, r recordRegister, id uuid.UUID) error { return r.DeleteAsset(ctx, id) },
		id:   func(x *model.InformationAsset) uuid.UUID { return x.ID },
		name: func(x *model.InformationAsset) string { return x.Name },
		detail: func(x *model.InformationAsset) string {
			var parts []string
			if x.Owner != "" {
				parts = append(parts, x.Owner)
			} else {
				parts = append(parts, lang.L("No owner"))
			}
			if x.Software != "" {
				parts = append(parts, x.Software)
			}
			if x.Criticality != "" {
				parts = append(parts, model.LabelOf(model.Criticalities, x.Criticality))
			}
			return strings.Join(parts, " · ")
		},
		blank: func() model.InformationAsset { return model.InformationAsset{} },
		sorts: []recordSort[model.InformationAsset]{
			{lang.L("Name"), nil},
			// Owner A–Z, the assets without one last (DSPT 1.1.2 wants one each).
			{lang.L("Owner"), func(a, b *model.InformationAsset) int {
				return cmp.Or(emptyLast(a.Owner, b.Owner), byName(a.Name, b.Name))
			}},
			// Most critical first, the unrated last.
			{lang.L("Criticality"), func(a, b *model.InformationAsset) int {
				return cmp.Or(cmp.Compare(criticalityRank(a.Criticality), criticalityRank(b.Criticality)), byName(a.Name, b.Name))
			}},
		},
	}
	s := &AssetsScreen{}
	s.recordScreen = newRecordScreen(reg, host, kind, func(changed func()) recordForm[model.InformationAsset] {
		f = newAssetForm(reg, changed)
		return f
	})
	s.form = f
	return s
}

// assetForm holds a widget for every field of model.InformationAsset.
type assetForm struct {
	name, software, hostedAt, country *widget.Entry
	owner, administrator, retention   *widget.Entry
	description, support, continuity  *textArea
	hosting                           *codeSelect[model.HostingKind]
	criticality                       *codeSelect[model.Criticality]
	conf, integ, avail                *codeSelect[model.ImpactLevel]
	dependencies                      *listField
	suppliers, activities             *linkField
	obj                               fyne.CanvasObject
}

func newAssetForm(reg recordRegister, changed func()) *assetForm {
	entry := func(placeholder string) *widget.Entry {
		return &widget.Entry{PlaceHolder: placeholder, OnChanged: func(string) { changed() }}
	}
	f := &assetForm{
		name:          entry(lang.L("e.g. Clinical record system")),
		software:      entry(lang.L("e.g. Carenotes")),
		hostedAt:      entry(lang.L("e.g. the supplier's UK data centres")),
		country:       entry(lang.L("e.g. United Kingdom")),
		owner:         entry(lang.L("e.g. Director of Clinical Services")),
		administrator: entry(lang.L("e.g. Clinical systems manager")),
		retention:     entry(lang.L("e.g. 20 years after the end of treatment")),
		description:   newTextArea(lang.L("What the asset is and what it holds"), 2, changed),
		support:       newTextArea(lang.L("Who supports and maintains it, and how"), 2, changed),
		continuity:    newTextArea(lang.L("What happens if it is unavailable, and how service continues"), 2, changed),
		hosting:       newCodeSelect(model.HostingKinds, changed),
		criticality:   newCodeSelect(model.Criticalities, changed),
		conf:          newCodeSelect(model.ImpactLevels, changed),
		integ:         newCodeSelect(model.ImpactLevels, changed),
		avail:         newCodeSelect(model.ImpactLevels, changed),
		dependencies:  newListField("", lang.L("e.g. NHS Spine connection"), changed),
		suppliers:     newLinkField(lang.L("Type a supplier's name to link it"), supplierSearch(reg), supplierNames(reg), changed),
		activities:    newLinkField(lang.L("Type an activity's name to link it"), activitySearch(reg), activityNames(reg), changed),
	}
	if reg.ReadOnly() != "" {
		f.suppliers.readOnly, f.activities.readOnly = true, true
	}
	label := func(key string) string { return model.FieldLabel("information_assets." + key) }
	impact := container.NewGridWithColumns(3,
		container.NewVBox(newHelp(lang.L("Confidentiality")), f.conf.sel),
		container.NewVBox(newHelp(lang.L("Integrity")), f.integ.sel),
		container.NewVBox(newHelp(lang.L("Availability")), f.avail.sel))
	f.obj = container.NewVBox(
		newHeading(lang.L("The asset")),
		formRow(label("name"), "", f.name),
		formRow(lang.L("Description"), "", f.description),
		formRow(label("software"), lang.L("DSPT 1.1.2 column 11: the software used to manage the data"), f.software),
		formRow(label("hosting"), "", f.hosting.sel),
		formRow(label("hosted_at"), lang.L("DSPT 1.1.2 column 5: where the data is held"), f.hostedAt),
		formRow(label("country"), lang.L("Outside the UK, a transfer needs a safeguard"), f.country),
		newHeading(lang.L("Responsibility")),
		formRow(label("owner"), lang.L("DSPT 1.1.2 column 12; CAF A3.a is not achieved while owners are not appointed"), f.owner),
		formRow(label("administrator"), lang.L("Who looks after the asset day to day for the owner"), f.administrator),
		formRow(label("support_maintenance"), lang.L("DSPT 1.1.2 column 13"), f.support),
		newHeading(lang.L("Continuity and impact")),
		formRow(label("criticality"), lang.L("DSPT 7.1.1: how much the services depend on it"), f.criticality.sel),
		formRow(label("dependencies"), lang.L("Other systems, networks or suppliers it needs to run"), f.dependencies.content),
		formRow(lang.L("Impact of loss"), lang.L("DSPT 1.1.2 column 10: the impact of its loss, compromise or disclosure"), impact),
		formRow(label("continuity_notes"), lang.L("DSPT 7.1.5 and 7.1.6"), f.continuity),
		formRow(label("retention"), "", f.retention),
		newHeading(lang.L("Links")),
		formRow(label("activity_ids"), lang.L("DSPT 1.1.2 column 9: the systems that process each activity's data"), f.activities.content),
		formRow(label("supplier_ids"), lang.L("Who provides or supports it"), f.suppliers.content),
	)
	return f
}

func (f *assetForm) content() fyne.CanvasObject { return f.obj }

func (f *assetForm) set(x *model.InformationAsset) {
	f.name.SetText(x.Name)
	f.description.SetText(x.Description)
	f.software.SetText(x.Software)
	f.hosting.set(x.Hosting)
	f.hostedAt.SetText(x.HostedAt)
	f.country.SetText(x.Country)
	f.owner.SetText(x.Owner)
	f.administrator.SetText(x.Administrator)
	f.criticality.set(x.Criticality)
	f.dependencies.set(x.Dependencies)
	f.conf.set(x.Impact.Confidentiality)
	f.integ.set(x.Impact.Integrity)
	f.avail.set(x.Impact.Availability)
	f.support.SetText(x.SupportMaintenance)
	f.retention.SetText(x.Retention)
	f.continuity.SetText(x.ContinuityNotes)
	f.suppliers.set(x.SupplierIDs)
	f.activities.set(x.ActivityIDs)
}

func (f *assetForm) read(x *model.InformationAsset) {
	x.Name = f.name.Text
	x.Description = f.description.Text
	x.Software = f.software.Text
	x.Hosting = f.hosting.get()
	x.HostedAt = f.hostedAt.Text
	x.Country = f.country.Text
	x.Owner = f.owner.Text
	x.Administrator = f.administrator.Text
	x.Criticality = f.criticality.get()
	x.Dependencies = f.dependencies.values()
	x.Impact = model.Impact{Confidentiality: f.conf.get(), Integrity: f.integ.get(), Availability: f.avail.get()}
	x.SupportMaintenance = f.support.Text
	x.Retention = f.retention.Text
	x.ContinuityNotes = f.continuity.Text
	x.SupplierIDs = f.suppliers.get()
	x.ActivityIDs = f.activities.get()
}

func (f *assetForm) problem() string { return "" }

// emptyLast compares two texts A–Z ignoring case, an empty one after all
// others.
func emptyLast(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return byName(a, b)
}

func byName(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }

// criticalityRank is c's place in model.Criticalities (most critical
// first), one past the end when it is not rated.
func criticalityRank(c model.Criticality) int {
	if i := slices.IndexFunc(model.Criticalities, func(o model.Option[model.Criticality]) bool { return o.Code == c }); i >= 0 {
		return i
	}
	return len(model.Criticalities)
}
