package report

// verificationPage ends the document with how an auditor checks it
// against the register it claims to come from (ropactl verify).
func (d *doc) verificationPage() error {
	d.section(titleVerify)
	d.paragraph(stBody, "This document was made by ROPA Desk from a register file. Anyone holding that file can check "+
		"that this document says what the register says, and that neither has been altered since.")
	d.space(3)
	d.subheading("With this PDF file", 30)
	d.paragraph(stBody, "Run, with the register file and this PDF:")
	d.space(1)
	d.paragraph(stMono, "ropactl verify REGISTER.ropa --pdf THIS-FILE.pdf")
	d.space(1.5)
	d.paragraph(stBody, "ROPA Desk makes the same document again from the state of the register the fingerprint names "+
		"and compares them page by page. It says which page differs if the content was altered.")
	d.space(3)
	d.subheading("With a printed copy", 30)
	d.paragraph(stBody, "Type the fingerprint printed on the cover and below (all 64 characters):")
	d.space(1)
	// Smaller type keeps the whole command, fingerprint and all, on one
	// line, so it can be typed as printed.
	d.paragraph(textStyle{mono, "", 6.8, colInk}, "ropactl verify REGISTER.ropa --fingerprint "+d.fingerprint)
	d.space(1.5)
	d.paragraph(stBody, "ROPA Desk says whether the register now, or any earlier state in its change history, has that fingerprint.")
	d.space(3)
	if rulesVersion != "" {
		d.subheading("Rules", 12)
		d.paragraph(stBody, "The findings, rights and opt-out verdicts in this document come from ROPA Desk's rules version "+
			rulesVersion+"; ropactl verify --pdf makes the document again with the same rules.")
		d.space(3)
	}
	d.subheading("This document's fingerprint", 20)
	d.paragraph(stMono, d.fingerprint)
	d.space(1.5)
	d.paragraph(stSmall, "The same fingerprint is in the document's metadata (Keywords). A register whose history was "+
		"rewritten gives a different fingerprint, so keep this document, or its fingerprint, apart from the register.")
	return nil
}
