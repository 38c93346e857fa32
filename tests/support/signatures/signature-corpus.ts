// Real-looking emails from customers and prospects, in English and German, each with what a careful person reads
// off it: the benchmark's precision and recall (`npm run bench -- signatures`) and the tests' fixed cases. Names,
// companies and numbers are made up; the numbers are valid in their numbering plans. The tricky ones are here on
// purpose: mobile only, extensions, "Sent from my iPhone", disclaimers and imprints naming other people, quoted
// replies with the rep's own signature, forwarded emails, no display name, "Last, First", titles and companies on
// one line.

export interface ExpectedPhone {
  /** E.164, then `;ext=` and the extension when there is one. */
  number: string;
  kind: 'mobile' | 'phone';
}

export interface SignatureSample {
  id: string;
  address: string;
  displayName?: string;
  body: string;
  expect: {
    firstName?: string;
    lastName?: string;
    title?: string;
    company?: string;
    phones: ExpectedPhone[];
  };
}

export const signatureCorpus: SignatureSample[] = [
  {
    id: 'en-classic-us',
    address: 'jwalsh@northwind-traders.com',
    displayName: 'Jennifer Walsh',
    body: `Hi Sam,

Thanks for sending the proposal over. We'll review it with finance on Thursday.

Best regards,
Jennifer Walsh
VP of Operations
Northwind Traders Inc.
Office: (415) 555-0132 ext. 204
Mobile: (415) 555-0187
www.northwind-traders.com`,
    expect: {
      firstName: 'Jennifer',
      lastName: 'Walsh',
      title: 'VP of Operations',
      company: 'Northwind Traders Inc.',
      phones: [
        { number: '+14155550132;ext=204', kind: 'phone' },
        { number: '+14155550187', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'de-classic-gmbh',
    address: 'm.schneider@brandt-maschinenbau.de',
    displayName: 'Markus Schneider',
    body: `Hallo Herr Becker,

anbei wie besprochen die Stückliste für das Angebot.

Mit freundlichen Grüßen

Markus Schneider
Leiter Einkauf
Brandt Maschinenbau GmbH
Industriestraße 12
80939 München
Tel.: +49 89 3245 6710
Mobil: +49 151 2345 6789
E-Mail: m.schneider@brandt-maschinenbau.de

Brandt Maschinenbau GmbH, Sitz: München
Registergericht: Amtsgericht München, HRB 123456
Geschäftsführer: Dr. Klaus Brandt, Petra Hoffmann`,
    expect: {
      firstName: 'Markus',
      lastName: 'Schneider',
      title: 'Leiter Einkauf',
      company: 'Brandt Maschinenbau GmbH',
      phones: [
        { number: '+498932456710', kind: 'phone' },
        { number: '+4915123456789', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'en-mobile-only-iphone',
    address: 'tom.baker@globex.com',
    displayName: 'Tom Baker',
    body: `Sounds good, let's do 3pm.

Tom

Sent from my iPhone`,
    expect: { firstName: 'Tom', lastName: 'Baker', phones: [] },
  },
  {
    id: 'de-von-meinem-iphone',
    address: 'sabine.krueger@stadtwerke-nord.de',
    displayName: 'Krüger, Sabine',
    body: `Passt, bis morgen.

Viele Grüße
Sabine Krüger

Von meinem iPhone gesendet`,
    expect: { firstName: 'Sabine', lastName: 'Krüger', phones: [] },
  },
  {
    id: 'en-title-pipe-company',
    address: 'priya@initech.io',
    displayName: 'Priya Raman',
    body: `Hi,

Could we move the demo to next week?

Thanks,
Priya Raman
Head of Procurement | Initech
+1 212 736 4000
priya@initech.io`,
    expect: {
      firstName: 'Priya',
      lastName: 'Raman',
      title: 'Head of Procurement',
      company: 'Initech',
      phones: [{ number: '+12127364000', kind: 'phone' }],
    },
  },
  {
    id: 'en-uk-ltd-mobile',
    address: 'oliver.hughes@harbourlogistics.co.uk',
    displayName: 'Oliver Hughes',
    body: `Morning,

Attached is the signed order form.

Kind regards,

Oliver Hughes
Operations Director
Harbour Logistics Ltd
T: 020 7946 0958
M: 07911 123456

This email and any attachments are confidential and intended solely for the addressee. If you have received
this email in error please notify the sender at +44 20 7946 0000.`,
    expect: {
      firstName: 'Oliver',
      lastName: 'Hughes',
      title: 'Operations Director',
      company: 'Harbour Logistics Ltd',
      phones: [
        { number: '+442079460958', kind: 'phone' },
        { number: '+447911123456', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'en-quoted-reply-with-reps-signature',
    address: 'diego.alvarez@umbrella-corp.com',
    displayName: 'Diego Alvarez',
    body: `Works for us. Please send the contract.

Diego Alvarez
Purchasing Manager, Umbrella Corporation
Direct: +1 (312) 263-1142

On Tue, Mar 3, 2026 at 10:02 AM Sam Carter <sam@ourco.com> wrote:
> Hi Diego,
> here is the quote.
>
> Sam Carter
> Account Executive, OurCo
> +1 617 253 1000`,
    expect: {
      firstName: 'Diego',
      lastName: 'Alvarez',
      title: 'Purchasing Manager',
      company: 'Umbrella Corporation',
      phones: [{ number: '+13122631142', kind: 'phone' }],
    },
  },
  {
    id: 'de-outlook-quoted-block',
    address: 'j.weber@holzbau-weber.de',
    displayName: 'Jonas Weber',
    body: `Hallo Sam,

danke, passt so.

Gruß
Jonas Weber
Geschäftsführer
Holzbau Weber GmbH & Co. KG
Fon 07031 123456
Fax 07031 123457

Von: Sam Carter <sam@ourco.com>
Gesendet: Montag, 2. März 2026 09:14
An: Jonas Weber <j.weber@holzbau-weber.de>
Betreff: Angebot

Hallo Herr Weber,
anbei das Angebot.
Sam Carter
OurCo Inc.
+1 617 253 1000`,
    expect: {
      firstName: 'Jonas',
      lastName: 'Weber',
      title: 'Geschäftsführer',
      company: 'Holzbau Weber GmbH & Co. KG',
      phones: [{ number: '+497031123456', kind: 'phone' }],
    },
  },
  {
    id: 'en-forwarded',
    address: 'lisa.chen@acme-corp.com',
    displayName: 'Lisa Chen',
    body: `FYI, see below from our legal team.

Lisa

---------- Forwarded message ---------
From: Mark Stone <mark.stone@acme-corp.com>
Date: Mon, Mar 2, 2026 at 4:51 PM
Subject: NDA

Mark Stone
General Counsel, Acme Corp
+1 646 555 0199`,
    expect: { firstName: 'Lisa', lastName: 'Chen', phones: [] },
  },
  {
    id: 'en-no-display-name',
    address: 'rbrooks@summitdental.com',
    body: `Hello,

Please call me about the renewal.

Regards,
Rachel Brooks
Practice Manager
Summit Dental Group
Phone 617.253.1000`,
    expect: {
      firstName: 'Rachel',
      lastName: 'Brooks',
      title: 'Practice Manager',
      company: 'Summit Dental Group',
      phones: [{ number: '+16172531000', kind: 'phone' }],
    },
  },
  {
    id: 'de-durchwahl',
    address: 'anna.vogel@kessler-ag.de',
    displayName: 'Anna Vogel',
    body: `Guten Tag,

bitte senden Sie uns die Unterlagen bis Freitag.

Beste Grüße

Anna Vogel
Referentin Vertrieb
Kessler AG
Telefon: +49 (0)30 2345678-12
www.kessler-ag.de`,
    expect: {
      firstName: 'Anna',
      lastName: 'Vogel',
      title: 'Referentin Vertrieb',
      company: 'Kessler AG',
      phones: [{ number: '+4930234567812', kind: 'phone' }],
    },
  },
  {
    id: 'en-dashes-delimiter',
    address: 'kwilliams@bluepeak.com',
    displayName: 'Kevin Williams',
    body: `Let me know if Friday works.

-- 
Kevin Williams
Senior Account Manager
Blue Peak Technologies
Cell: +1 (646) 555-0143`,
    expect: {
      firstName: 'Kevin',
      lastName: 'Williams',
      title: 'Senior Account Manager',
      company: 'Blue Peak Technologies',
      phones: [{ number: '+16465550143', kind: 'mobile' }],
    },
  },
  {
    id: 'de-mobile-only',
    address: 'f.huber@huber-elektro.de',
    displayName: 'Florian Huber',
    body: `Servus,

ich bin nächste Woche auf der Baustelle, ruf mich am besten mobil an.

LG Florian
0171 9876543`,
    expect: {
      firstName: 'Florian',
      lastName: 'Huber',
      phones: [{ number: '+491719876543', kind: 'mobile' }],
    },
  },
  {
    id: 'en-title-at-company',
    address: 'nina.patel@vertexhealth.com',
    displayName: 'Nina Patel',
    body: `Hi Sam,

Thanks again for your time today.

Best,
Nina Patel
Director of IT at Vertex Health
p: 617 253 1000 x 331`,
    expect: {
      firstName: 'Nina',
      lastName: 'Patel',
      title: 'Director of IT',
      company: 'Vertex Health',
      phones: [{ number: '+16172531000;ext=331', kind: 'phone' }],
    },
  },
  {
    id: 'en-caps-display-name',
    address: 'hmueller@alpinetools.ch',
    displayName: 'HANS MUELLER',
    body: `Dear Sam,

We would like to order 20 more licences.

Kind regards
Hans Mueller
CFO
Alpine Tools AG
+41 44 668 18 00`,
    expect: {
      firstName: 'Hans',
      lastName: 'Mueller',
      title: 'CFO',
      company: 'Alpine Tools AG',
      phones: [{ number: '+41446681800', kind: 'phone' }],
    },
  },
  {
    id: 'de-at-vienna',
    address: 'k.gruber@donau-consult.at',
    displayName: 'Mag. Katharina Gruber',
    body: `Sehr geehrter Herr Carter,

vielen Dank für Ihre Rückmeldung.

Mit freundlichen Grüßen
Katharina Gruber
Beraterin
Donau Consult GmbH
T +43 1 5124455
M +43 664 1234567`,
    expect: {
      firstName: 'Katharina',
      lastName: 'Gruber',
      title: 'Beraterin',
      company: 'Donau Consult GmbH',
      phones: [
        { number: '+4315124455', kind: 'phone' },
        { number: '+436641234567', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'en-one-line-signature',
    address: 'alex@brightlane.com',
    displayName: 'Alex Kim',
    body: `Yes, please go ahead with the upgrade.

Alex Kim | CTO | Brightlane Inc. | +1 212 736 4000`,
    expect: {
      firstName: 'Alex',
      lastName: 'Kim',
      title: 'CTO',
      company: 'Brightlane Inc.',
      phones: [{ number: '+12127364000', kind: 'phone' }],
    },
  },
  {
    id: 'en-disclaimer-numbers',
    address: 'george.hall@meridianbank.com',
    displayName: 'George Hall',
    body: `Sam,

Approved on our side.

Regards,
George Hall
Vice President, Treasury Services
Meridian Bank
(212) 736-4100

CONFIDENTIALITY NOTICE: This message is intended only for the named recipient. Call (800) 225-5288 if received
in error.`,
    expect: {
      firstName: 'George',
      lastName: 'Hall',
      title: 'Vice President, Treasury Services',
      company: 'Meridian Bank',
      phones: [{ number: '+12127364100', kind: 'phone' }],
    },
  },
  {
    id: 'de-telefax-and-zentrale',
    address: 'l.fischer@fischer-druck.de',
    displayName: 'Lena Fischer',
    body: `Hallo,

die Druckdaten sind angekommen.

Viele Grüße

Lena Fischer
Projektleiterin
Fischer Druck & Medien GmbH
Tel. 0221 9876540
Telefax 0221 9876549`,
    expect: {
      firstName: 'Lena',
      lastName: 'Fischer',
      title: 'Projektleiterin',
      company: 'Fischer Druck & Medien GmbH',
      phones: [{ number: '+492219876540', kind: 'phone' }],
    },
  },
  {
    id: 'en-role-display-name',
    address: 'sales@quantumparts.com',
    displayName: 'Quantum Parts Sales',
    body: `Hello,

Your quote is attached.

Thank you,
Quantum Parts Sales Team
1-800-225-5288`,
    expect: { phones: [{ number: '+18002255288', kind: 'phone' }] },
  },
  {
    id: 'en-no-signature',
    address: 'ben.ortiz@coastalfoods.com',
    displayName: 'Ben Ortiz',
    body: `ok thanks`,
    expect: { firstName: 'Ben', lastName: 'Ortiz', phones: [] },
  },
  {
    id: 'de-van-particle',
    address: 'anna.vandenberg@hollandtrade.nl',
    displayName: 'Anna van den Berg',
    body: `Hi Sam,

Thanks, see you in Amsterdam.

Kind regards,
Anna van den Berg
Key Account Manager
Holland Trade B.V.
+31 20 624 1111`,
    expect: {
      firstName: 'Anna',
      lastName: 'van den Berg',
      title: 'Key Account Manager',
      company: 'Holland Trade B.V.',
      phones: [{ number: '+31206241111', kind: 'phone' }],
    },
  },
  {
    id: 'en-labels-on-one-line',
    address: 'maria.santos@pinnacle-ins.com',
    displayName: 'Maria Santos',
    body: `Hi Sam,

Renewal paperwork is signed.

Cheers,
Maria Santos
Underwriting Manager
Pinnacle Insurance Group
T: +1 617 253 1000 | M: +1 617 555 0111`,
    expect: {
      firstName: 'Maria',
      lastName: 'Santos',
      title: 'Underwriting Manager',
      company: 'Pinnacle Insurance Group',
      phones: [
        { number: '+16172531000', kind: 'phone' },
        { number: '+16175550111', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'de-mfg-kurz',
    address: 'p.wagner@wagner-logistik.de',
    displayName: 'Peter Wagner',
    body: `Termin passt.

MfG
P. Wagner
Disposition
Wagner Logistik GmbH
Tel 040 3344556`,
    expect: {
      firstName: 'Peter',
      lastName: 'Wagner',
      company: 'Wagner Logistik GmbH',
      phones: [{ number: '+49403344556', kind: 'phone' }],
    },
  },
  {
    id: 'en-gmail-quote',
    address: 'chris.nguyen@redwoodsoft.com',
    displayName: 'Chris Nguyen',
    body: `Perfect, thanks!

Chris Nguyen
Solutions Architect
Redwood Software
(650) 253-0000

On Mon, Mar 2, 2026 at 9:00 AM Sam Carter <sam@ourco.com> wrote:

> Chris, the sandbox is ready.
> Sam Carter | Account Executive | +1 617 253 1000`,
    expect: {
      firstName: 'Chris',
      lastName: 'Nguyen',
      title: 'Solutions Architect',
      company: 'Redwood Software',
      phones: [{ number: '+16502530000', kind: 'phone' }],
    },
  },
  {
    id: 'de-handy-und-festnetz',
    address: 'thomas.koch@koch-it.de',
    displayName: 'Thomas Koch',
    body: `Hi Sam,

super, dann machen wir das so.

Viele Grüße
Thomas Koch

Koch IT-Systemhaus GmbH
Inhaber
Festnetz: 0711 2233445
Handy: 0160 98765432`,
    expect: {
      firstName: 'Thomas',
      lastName: 'Koch',
      title: 'Inhaber',
      company: 'Koch IT-Systemhaus GmbH',
      phones: [
        { number: '+497112233445', kind: 'phone' },
        { number: '+4916098765432', kind: 'mobile' },
      ],
    },
  },
  {
    id: 'en-outlook-original-message',
    address: 'j.morgan@stellarmfg.com',
    displayName: 'Morgan, Jessica',
    body: `Hi Sam, approved.

Jessica Morgan
Procurement Specialist
Stellar Manufacturing Corp.
Tel: +1 (313) 555-0173

-----Original Message-----
From: Sam Carter <sam@ourco.com>
Sent: Monday, March 2, 2026 9:14 AM
To: Morgan, Jessica <j.morgan@stellarmfg.com>
Subject: PO 4411

Sam Carter
Account Executive
+1 617 253 1000`,
    expect: {
      firstName: 'Jessica',
      lastName: 'Morgan',
      title: 'Procurement Specialist',
      company: 'Stellar Manufacturing Corp.',
      phones: [{ number: '+13135550173', kind: 'phone' }],
    },
  },
  {
    id: 'en-ipad-after-signature',
    address: 'r.singh@horizonretail.com',
    displayName: 'Raj Singh',
    body: `Please hold the order until Monday.

Raj Singh
Category Buyer
Horizon Retail

Sent from my iPad`,
    expect: {
      firstName: 'Raj',
      lastName: 'Singh',
      title: 'Category Buyer',
      company: 'Horizon Retail',
      phones: [],
    },
  },
  {
    id: 'de-herr-doktor',
    address: 'c.lehmann@lehmann-pharma.de',
    displayName: 'Dr. Christian Lehmann',
    body: `Sehr geehrter Herr Carter,

wir kommen gern auf Ihr Angebot zurück.

Mit besten Grüßen
Dr. Christian Lehmann
Leiter Forschung & Entwicklung
Lehmann Pharma AG
Telefon +49 69 7654 3210

Diese E-Mail enthält vertrauliche Informationen. Lehmann Pharma AG, Vorstand: Dr. Eva Lehmann, Tel. 069 76543200`,
    expect: {
      firstName: 'Christian',
      lastName: 'Lehmann',
      title: 'Leiter Forschung & Entwicklung',
      company: 'Lehmann Pharma AG',
      phones: [{ number: '+496976543210', kind: 'phone' }],
    },
  },
  {
    id: 'en-extension-x',
    address: 'd.owens@granitepower.com',
    displayName: 'Dana Owens',
    body: `Hi,

Invoice attached.

Thanks
Dana Owens
Accounts Payable Coordinator
Granite Power LLC
(720) 555-0100 x4412`,
    expect: {
      firstName: 'Dana',
      lastName: 'Owens',
      title: 'Accounts Payable Coordinator',
      company: 'Granite Power LLC',
      phones: [{ number: '+17205550100;ext=4412', kind: 'phone' }],
    },
  },
  {
    id: 'de-schweiz-gruss',
    address: 'u.meier@meier-treuhand.ch',
    displayName: 'Urs Meier',
    body: `Grüezi Herr Carter

Besten Dank für die Unterlagen.

Freundliche Grüsse
Urs Meier
Partner
Meier Treuhand AG
Direkt +41 44 668 18 11`,
    expect: {
      firstName: 'Urs',
      lastName: 'Meier',
      title: 'Partner',
      company: 'Meier Treuhand AG',
      phones: [{ number: '+41446681811', kind: 'phone' }],
    },
  },
  {
    id: 'en-address-block',
    address: 'emma.ross@lakesideclinic.org',
    displayName: 'Emma Ross',
    body: `Hello Sam,

Can you send over the training schedule?

Warm regards,
Emma Ross
Office Manager
Lakeside Clinic
1200 Lakeshore Drive, Suite 300
Chicago, IL 60611
Main: (312) 555-0150`,
    expect: {
      firstName: 'Emma',
      lastName: 'Ross',
      title: 'Office Manager',
      company: 'Lakeside Clinic',
      phones: [{ number: '+13125550150', kind: 'phone' }],
    },
  },
  {
    id: 'de-signature-before-greeting-name',
    address: 'info@baeckerei-schmidt.de',
    displayName: 'Bäckerei Schmidt',
    body: `Guten Tag,

bitte liefern Sie wie immer am Montag.

Freundliche Grüße
Ihre Bäckerei Schmidt
Tel. 0341 1234567`,
    expect: { phones: [{ number: '+493411234567', kind: 'phone' }] },
  },
  {
    id: 'en-mobile-android',
    address: 'sophie.turner@brightsmiles.com',
    displayName: 'Sophie Turner',
    body: `Running 10 mins late.

Sent from my Android phone with Gmail`,
    expect: { firstName: 'Sophie', lastName: 'Turner', phones: [] },
  },
  {
    id: 'en-title-comma-company-same-line',
    address: 'w.zhang@orbitaerospace.com',
    displayName: 'Wei Zhang',
    body: `Hi Sam,

The engineering team signed off.

Best regards,
Wei Zhang
Chief Engineer, Orbit Aerospace
Mobile +1 (206) 555-0164`,
    expect: {
      firstName: 'Wei',
      lastName: 'Zhang',
      title: 'Chief Engineer',
      company: 'Orbit Aerospace',
      phones: [{ number: '+12065550164', kind: 'mobile' }],
    },
  },
];

/**
 * Written after the extractor was tuned on the samples above, and never tuned on: the benchmark prints their
 * precision and recall apart too (`signatures.*.unseen`), so an overfit corpus shows.
 */
export const unseenSignatureCorpus: SignatureSample[] = [
  {
    id: 'unseen-i-a-prefix',
    address: 'r.zimmermann@zimmermann-bau.de',
    displayName: 'Robert Zimmermann',
    body: `Sehr geehrter Herr Carter,

anbei die Bestellung.

Mit freundlichen Grüßen
i.A. Robert Zimmermann
Einkäufer
Zimmermann Bau GmbH
Tel. +49 621 4455660`,
    expect: {
      firstName: 'Robert',
      lastName: 'Zimmermann',
      title: 'Einkäufer',
      company: 'Zimmermann Bau GmbH',
      phones: [{ number: '+496214455660', kind: 'phone' }],
    },
  },
  {
    id: 'unseen-linkedin-and-o-label',
    address: 'm.johnson@crestview.com',
    displayName: 'Michael Johnson',
    body: `Sam - thanks, we're good to proceed.

Best,
Michael Johnson
Regional Sales Director
Crestview Partners
O: (404) 555-0122
linkedin.com/in/mjohnson`,
    expect: {
      firstName: 'Michael',
      lastName: 'Johnson',
      title: 'Regional Sales Director',
      company: 'Crestview Partners',
      phones: [{ number: '+14045550122', kind: 'phone' }],
    },
  },
  {
    id: 'unseen-dotted-international',
    address: 'sven.berg@nordlicht-energie.de',
    displayName: 'Sven Berg',
    body: `Moin,

die Zahlen kommen morgen.

Gruß Sven

Sven Berg | Vertriebsleiter | Nordlicht Energie GmbH
+49.40.8899770`,
    expect: {
      firstName: 'Sven',
      lastName: 'Berg',
      title: 'Vertriebsleiter',
      company: 'Nordlicht Energie GmbH',
      phones: [{ number: '+49408899770', kind: 'phone' }],
    },
  },
  {
    id: 'unseen-company-first',
    address: 'ellen.price@harborview.com',
    displayName: 'Ellen Price',
    body: `Hi Sam,

See you Tuesday.

Regards,

HARBORVIEW HOTELS
Ellen Price, Events Manager
T +1 415 555 0177`,
    expect: {
      firstName: 'Ellen',
      lastName: 'Price',
      title: 'Events Manager',
      company: 'Harborview Hotels',
      phones: [{ number: '+14155550177', kind: 'phone' }],
    },
  },
  {
    id: 'unseen-tel-slash-fax',
    address: 'k.braun@braun-kanzlei.de',
    displayName: 'Karin Braun',
    body: `Guten Tag,

wir bestätigen den Termin.

Freundliche Grüße
Karin Braun
Rechtsanwältin
Braun & Partner Rechtsanwälte
Tel. 0911 223344-0 / Fax 0911 223344-99`,
    expect: {
      firstName: 'Karin',
      lastName: 'Braun',
      title: 'Rechtsanwältin',
      company: 'Braun & Partner Rechtsanwälte',
      phones: [{ number: '+499112233440', kind: 'phone' }],
    },
  },
  {
    id: 'unseen-only-email-in-signature',
    address: 'olivia.reed@silverline.io',
    displayName: 'Olivia Reed',
    body: `Thanks Sam, received.

Regards,
Olivia
olivia.reed@silverline.io`,
    expect: { firstName: 'Olivia', lastName: 'Reed', phones: [] },
  },
  {
    id: 'unseen-mobile-emoji-label',
    address: 'jan.novak@praguedesign.cz',
    displayName: 'Jan Novák',
    body: `Hi Sam,

the mockups are attached.

Cheers,
Jan Novák
Creative Director
Prague Design s.r.o.
📱 +420 777 123 456`,
    expect: {
      firstName: 'Jan',
      lastName: 'Novák',
      title: 'Creative Director',
      company: 'Prague Design s.r.o.',
      phones: [{ number: '+420777123456', kind: 'mobile' }],
    },
  },
  {
    id: 'unseen-us-two-lines-title',
    address: 'tgreen@bayareatransit.org',
    displayName: 'Green, Tanya',
    body: `Hello,

Please find the RFP attached.

Thank you,
Tanya Green
Senior Procurement Analyst
Bay Area Transit Authority
Office (510) 555-0109 | Cell (510) 555-0188`,
    expect: {
      firstName: 'Tanya',
      lastName: 'Green',
      title: 'Senior Procurement Analyst',
      company: 'Bay Area Transit Authority',
      phones: [
        { number: '+15105550109', kind: 'phone' },
        { number: '+15105550188', kind: 'mobile' },
      ],
    },
  },
];
