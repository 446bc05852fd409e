package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "supplier",
		args:    "add|list REGISTER [flags]",
		summary: "add or list suppliers and their agreements",
		usage: `
Keeps the list of suppliers handling personal data, with the contract or
data-sharing agreement and when it ends (DSPT 10.1.2, 10.2.1; 1.1.2
column 7). 'ropactl check' warns of agreements ending within 90 days or
ended, and of expired certifications.

  supplier add  REGISTER --name NAME --role processor|partner
                [--agreement contract|data_sharing_agreement|none]
                [--agreement-link URL] [--signed YYYY-MM-DD] [--ends YYYY-MM-DD]
                [--certification "NAME[=YYYY-MM-DD]"]...
                [--dspt-status standards_exceeded|standards_met|approaching_standards|
                               standards_not_met|not_published|not_applicable]
                [--dspt-code CODE] [--location L]...
                [--transfer-mechanism adequacy|idta|uk_addendum|bcrs|art49_derogation]
                [--sub-processor S]... [--activity ID|NAME]... [--notes TEXT]
      Adds a supplier; a certification's expiry follows "=".
  supplier list REGISTER [--json]
      Lists the suppliers: name, role, agreement and its end date; --json
      prints them as the JSON format's "suppliers".

Examples:
  ropactl supplier add demo.ropa --name "Example Payments Europe Ltd" --role processor \
      --agreement contract --ends 2028-01-31 --certification "PCI DSS Level 1=2027-09-30" \
      --location Ireland --transfer-mechanism adequacy --activity "Payments for private services"
  ropactl supplier list demo.ropa
`,
		run: func(e *env, args []string) error {
			return runSteps(e, args, "supplier", map[string]func(*env, []string) error{"add": supplierAdd, "list": supplierList})
		},
	})
}

func supplierAdd(e *env, args []string) error {
	fs := newFlags(e)
	var s model.Supplier
	fs.StringVar(&s.Name, "name", "", "")
	fs.StringVar(&s.AgreementLink, "agreement-link", "", "")
	fs.StringVar(&s.DSPTOrgCode, "dspt-code", "", "")
	fs.StringVar(&s.Notes, "notes", "", "")
	role := fs.String("role", "", "")
	agreement := fs.String("agreement", "", "")
	signed := fs.String("signed", "", "")
	ends := fs.String("ends", "", "")
	dspt := fs.String("dspt-status", "", "")
	mech := fs.String("transfer-mechanism", "", "")
	var certs, locs, subs, acts listFlag
	fs.Var(&certs, "certification", "")
	fs.Var(&locs, "location", "")
	fs.Var(&subs, "sub-processor", "")
	fs.Var(&acts, "activity", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(s.Name) == "" {
		return usagef("--name is required")
	}
	if *role == "" {
		return usagef("--role is required: processor or partner")
	}
	if s.Role, err = codeFlag("role", *role, model.SupplierRoles); err != nil {
		return err
	}
	if s.Agreement, err = codeFlag("agreement", *agreement, model.AgreementKinds); err != nil {
		return err
	}
	if s.DSPTStatus, err = codeFlag("dspt-status", *dspt, model.DSPTStatuses); err != nil {
		return err
	}
	if s.TransferMechanism, err = codeFlag("transfer-mechanism", *mech, model.SafeguardKinds); err != nil {
		return err
	}
	if s.SignedOn, err = optionalDay(e, "signed", *signed); err != nil {
		return err
	}
	if s.EndsOn, err = optionalDay(e, "ends", *ends); err != nil {
		return err
	}
	for _, c := range certs {
		name, exp, _ := strings.Cut(c, "=")
		cert := model.Certification{Name: strings.TrimSpace(name)}
		if cert.Expires, err = optionalDay(e, "certification", exp); err != nil {
			return err
		}
		s.Certifications = append(s.Certifications, cert)
	}
	s.Locations, s.SubProcessors = locs, subs

	db, err := openStore(e, pos[0], true)
	if err != nil {
		return err
	}
	defer db.Close()
	reg, err := db.Register(e.ctx)
	if err != nil {
		return fmt.Errorf("read register %s: %w", pgstore.Redact(pos[0]), err)
	}
	if s.ActivityIDs, err = activityIDs(reg, acts); err != nil {
		return err
	}
	if err := db.SaveSupplier(e.ctx, &s); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added supplier %q (%s), linked to %s.\n", s.Name, s.ID, plural(len(s.ActivityIDs), "activity", "activities"))
	return nil
}

// optionalDay is parseDay for a flag that may be left out (zero time).
func optionalDay(e *env, flagName, v string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	return parseDay(e, flagName, v)
}

// findSupplier resolves an id or a name (exact, ignoring case).
func findSupplier(reg *model.Register, ref string) (*model.Supplier, error) {
	id, idErr := uuid.Parse(strings.TrimSpace(ref))
	var found []*model.Supplier
	for i := range reg.Suppliers {
		s := &reg.Suppliers[i]
		if (idErr == nil && s.ID == id) || strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(ref)) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return nil, model.Errorf(model.ENOTFOUND, "There is no supplier %q; 'ropactl supplier list' shows their names and ids.", ref)
	case 1:
		return found[0], nil
	}
	return nil, model.Errorf(model.EINVALID, "%d suppliers are called %q; name one by its id.", len(found), ref)
}

func supplierList(e *env, args []string) error {
	return listRecords(e, args, registerStore.Suppliers, "NAME\tROLE\tAGREEMENT\tENDS\tID",
		func(s model.Supplier) string {
			agr := ""
			if s.Agreement != "" {
				agr = model.LabelOf(model.AgreementKinds, s.Agreement)
			}
			return fmt.Sprintf("%s\t%s\t%s\t%s\t%s", cell(s.Name), model.LabelOf(model.SupplierRoles, s.Role), cell(agr), dash(date(s.EndsOn)), s.ID)
		}, "supplier", "suppliers")
}
