package exchange

import (
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// readAssets reads the document's information assets and suppliers into
// reg: each must validate, have an id of its own, and link only to
// activities and suppliers the document holds, so an import never stores a
// link to nothing.
func readAssets(p *problems, env envelope, reg *model.Register, actIDs map[uuid.UUID]int) {
	supIDs := map[uuid.UUID]int{}
	for i, raw := range env.Suppliers {
		where := itemName("suppliers", i, raw)
		var s model.Supplier
		if err := decodeStrict(raw, &s); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		if err := s.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		checkItemID(p, where, "suppliers", s.ID, supIDs, i)
		checkLinks(p, where, "activity_ids", s.ActivityIDs, actIDs, "activity")
		reg.Suppliers = append(reg.Suppliers, s)
	}
	assetIDs := map[uuid.UUID]int{}
	for i, raw := range env.InformationAssets {
		where := itemName("information_assets", i, raw)
		var x model.InformationAsset
		if err := decodeStrict(raw, &x); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		if err := x.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		checkItemID(p, where, "information_assets", x.ID, assetIDs, i)
		checkLinks(p, where, "activity_ids", x.ActivityIDs, actIDs, "activity")
		checkLinks(p, where, "supplier_ids", x.SupplierIDs, supIDs, "supplier")
		reg.InformationAssets = append(reg.InformationAssets, x)
	}
}

func checkItemID(p *problems, where, list string, id uuid.UUID, seen map[uuid.UUID]int, i int) {
	switch j, dup := seen[id]; {
	case id == uuid.Nil:
		p.add("%s: id: Every entry needs an id, so links can refer to it.", where)
	case dup:
		p.add("%s: id: %s is also the id of %s[%d].", where, id, list, j)
	default:
		seen[id] = i
	}
}

func checkLinks(p *problems, where, field string, ids []uuid.UUID, known map[uuid.UUID]int, what string) {
	for k, id := range ids {
		if _, ok := known[id]; !ok && id != uuid.Nil {
			p.add("%s: %s[%d]: %s is not the id of any %s in this document.", where, field, k, id, what)
		}
	}
}
