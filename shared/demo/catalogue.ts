/** What a university IT desk hears about, and the names of the people who ask. */

export const FIRST_NAMES: readonly string[] = `
  Oliver Amelia George Isla Harry Ava Noah Mia Jack Ivy Leo Lily Arthur Florence Muhammad Freya
  Oscar Poppy Charlie Grace Theo Sophia Henry Evie Thomas Ella Alfie Willow Archie Isabella Joshua
  Emily James Ruby William Olivia Finley Chloe Lucas Daisy Isaac Alice Samuel Phoebe Rory Eleanor
  Callum Megan Ewan Niamh Dylan Seren Rhys Carys Priya Aarav Zara Hamza Aisha Kwame Chidi Mei Wei
  Anya Tomasz Zofia Siobhan Ciaran Fiona Alistair
`
  .trim()
  .split(/\s+/);

export const LAST_NAMES: readonly string[] = `
  Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
  White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose
  Davis Rodriguez Cox Alexander Morgan Moore Hughes Edwards Hill Ward Turner Cooper Harris Martin
  Baker Morris Campbell Stewart MacDonald Murray Kelly O'Brien Byrne Ahmed Ali Begum Singh Kaur
  Chen Nowak Okafor Mensah Lloyd Price Owen Bennett Fraser
`
  .trim()
  .split(/\s+/);

export const DEPARTMENTS: readonly string[] = `
  School of Engineering|Department of History|Business School|School of Law|
  Department of Chemistry|School of Medicine|Department of Music|Library Services|
  Estates and Facilities|Student Services|Department of Physics|School of Nursing|Finance Office|
  Admissions|Department of Psychology
`
  .trim()
  .split(/\s*\|\s*/);

export const TEAM_IDS = [
  'team-service-desk',
  'team-identity',
  'team-networks',
  'team-devices',
  'team-teaching',
  'team-research',
] as const;
export type DemoTeamId = (typeof TEAM_IDS)[number];

export interface QueryTopic {
  readonly team: DemoTeamId;
  readonly subject: string;
  readonly description: string;
  /** What second-line staff write while working it. */
  readonly notes: readonly string[];
  /** The written outcome sent to the requester. */
  readonly resolution: string;
  /** Asked of the requester when the case waits on them. */
  readonly question: string;
}

export const QUERY_TOPICS: readonly QueryTopic[] = [
  {
    team: 'team-networks',
    subject: "Eduroam won't connect on my laptop",
    description:
      'Since this morning my laptop keeps asking for my Eduroam password and then fails. My phone connects fine in the same room.',
    notes: [
      'RADIUS log shows repeated auth rejects: old cached password.',
      'Walked through forgetting the network.',
    ],
    resolution: 'Removing the saved Eduroam profile and reinstalling it with geteduroam fixed it.',
    question: 'Could you tell us which operating system version the laptop runs?',
  },
  {
    team: 'team-networks',
    subject: 'Wi-Fi keeps dropping in the library',
    description:
      'On level 3 of the main library the Wi-Fi drops every ten minutes or so. It has been like this all week.',
    notes: ['Access point L3-AP07 flapping; raised with Networks.', 'Replacement AP fitted overnight.'],
    resolution: 'We replaced a faulty access point on level 3; the connection should now stay up.',
    question: 'Which part of level 3 were you sitting in (near the windows or the stairs)?',
  },
  {
    team: 'team-networks',
    subject: 'VPN disconnects every few minutes',
    description:
      'Working from home, the VPN drops every few minutes so I lose my connection to the finance system.',
    notes: ['Client on an old version; MTU issue known in that release.'],
    resolution: 'Updating the VPN client to the current version stopped the disconnections.',
    question: 'Could you send a screenshot of the VPN client’s About window?',
  },
  {
    team: 'team-networks',
    subject: 'No network in lecture theatre LT2',
    description:
      'The lectern PC in LT2 has no network, so I cannot show slides from OneDrive. Lecture at 2pm.',
    notes: ['Patch lead unplugged at the floor box.', 'Estates asked to secure the floor box cover.'],
    resolution: 'The lectern network lead had come loose; it is reconnected and secured.',
    question: 'Is the network light on the back of the lectern PC lit?',
  },
  {
    team: 'team-identity',
    subject: 'MFA reset after new phone',
    description:
      'I have a new phone and the Authenticator app did not transfer, so I cannot sign in to anything.',
    notes: ['Identity checked by video call with student card.', 'MFA methods cleared; user re-registered.'],
    resolution: 'Your sign-in methods were reset and you have registered the app on your new phone.',
    question: 'Could you come to the desk with your university card so we can check your identity?',
  },
  {
    team: 'team-identity',
    subject: 'Locked out of my account',
    description: 'I entered the wrong password too many times and now my account says it is locked.',
    notes: ['Account lockout from an old phone still syncing mail with the old password.'],
    resolution: 'Your account is unlocked; removing the old phone’s mail account stops it locking again.',
    question: 'Do you have an old phone or tablet that still has your university email set up?',
  },
  {
    team: 'team-identity',
    subject: 'New starter account not created',
    description: 'Our new research assistant started on Monday but still has no university account.',
    notes: ['HR record missing a start date; chased HR.', 'Account provisioned after HR feed update.'],
    resolution: 'The account now exists; the login details were sent to the line manager.',
    question: 'Could you confirm the new starter’s staff number from their contract?',
  },
  {
    team: 'team-identity',
    subject: "Can't access the department shared mailbox",
    description: 'I moved teams and can no longer open the department shared mailbox in Outlook.',
    notes: ['Mailbox owner approval requested.', 'Full access granted after approval.'],
    resolution: 'You now have access to the shared mailbox; it appears in Outlook within an hour.',
    question: 'Who in your department manages the shared mailbox?',
  },
  {
    team: 'team-teaching',
    subject: 'Moodle course not visible',
    description: 'My students cannot see the Moodle course for my second-term module, although I can see it.',
    notes: ['Course visibility set to hidden by the rollover.', 'Enrolment sync checked: 142 students.'],
    resolution: 'The course was hidden after the rollover; it is now visible to the enrolled students.',
    question: 'What is the module code of the course?',
  },
  {
    team: 'team-teaching',
    subject: 'Turnitin submission failed before deadline',
    description:
      'I tried to submit my essay to Turnitin at 11:40 and got an error. The deadline was midnight.',
    notes: ['Turnitin status page shows an incident 23:30–00:15.', 'Module leader informed of the outage.'],
    resolution: 'There was a Turnitin outage; your module leader has accepted the emailed copy as on time.',
    question: 'Could you send a screenshot of the error and the time it appeared?',
  },
  {
    team: 'team-teaching',
    subject: 'Panopto recording missing from Moodle',
    description: 'Last Tuesday’s lecture recording does not appear in the Moodle course.',
    notes: ['Recording present in Panopto but in the wrong folder.'],
    resolution: 'The recording had been saved to the wrong folder; it is now in the course.',
    question: 'Which room and time was the lecture?',
  },
  {
    team: 'team-teaching',
    subject: "Students can't see quiz grades",
    description: 'The quiz closed yesterday but students still cannot see their grades in Moodle.',
    notes: ['Review options only allowed marks after close of the quiz window.'],
    resolution: 'The quiz review settings now release grades; students can see them.',
    question: 'Should students also see the correct answers, or only their marks?',
  },
  {
    team: 'team-devices',
    subject: 'Printing credit not applied',
    description: 'I topped up £10 of printing credit online but my balance still shows £0.20.',
    notes: ['Payment found in the online store; sync to print system failed.', 'Credit applied by hand.'],
    resolution: 'The £10 credit is now on your printing account.',
    question: 'Could you send the payment confirmation email you received?',
  },
  {
    team: 'team-devices',
    subject: 'Printer on library level 2 jammed',
    description: 'The printer by the stairs on library level 2 says paper jam and nobody can print.',
    notes: ['Engineer visit booked.', 'Fuser replaced.'],
    resolution: 'The printer has been repaired and is printing again.',
    question: 'Is it the colour or the black-and-white printer?',
  },
  {
    team: 'team-devices',
    subject: "Laptop won't start after update",
    description:
      'My university laptop installed updates last night and now only shows a blue recovery screen.',
    notes: ['BitLocker recovery key provided.', 'Update rolled back; device healthy.'],
    resolution: 'We rolled the update back and your laptop starts normally again.',
    question: 'What is the asset number on the sticker under the laptop?',
  },
  {
    team: 'team-devices',
    subject: "Can't install Microsoft Office",
    description: 'I am trying to install Office on my own laptop but it says my account has no licence.',
    notes: ['Licence group membership missing for new PGR students.'],
    resolution: 'Your account now has an Office licence; the install should work after signing out and in.',
    question: 'Are you installing on a Windows PC or a Mac?',
  },
  {
    team: 'team-research',
    subject: 'Research data storage quota full',
    description: 'Our project share is full and the instrument cannot save tonight’s run.',
    notes: ['Quota raised temporarily by 2 TB pending PI approval.'],
    resolution: 'The project share’s quota has been increased to 12 TB as approved by the PI.',
    question: 'Could the principal investigator confirm the extra storage is needed?',
  },
  {
    team: 'team-research',
    subject: 'HPC job stuck in the queue',
    description: 'My job on the cluster has been pending for two days with reason "Resources".',
    notes: ['Job requests 3 GPUs on a partition with 2 per node.'],
    resolution: 'The job asked for more GPUs than one node has; resubmitted with 2 GPUs, it ran.',
    question: 'Could you send the job ID and your submission script?',
  },
  {
    team: 'team-service-desk',
    subject: 'Email not syncing on my iPhone',
    description: 'My university email stopped arriving on my iPhone on Friday. Outlook on the PC is fine.',
    notes: ['Conditional access blocked the native Mail app.'],
    resolution: 'Setting up the Outlook app on the iPhone restored your email.',
    question: 'Are you using the iPhone Mail app or the Outlook app?',
  },
  {
    team: 'team-service-desk',
    subject: 'OneDrive files missing',
    description: 'A folder of my dissertation chapters has disappeared from OneDrive.',
    notes: ['Folder found in the recycle bin, deleted by sync from an old PC.'],
    resolution: 'We restored the folder from the OneDrive recycle bin.',
    question: 'Roughly when did you last see the folder?',
  },
  {
    team: 'team-service-desk',
    subject: 'Suspicious email asking for my password',
    description:
      'I received an email saying my mailbox is full and asking me to log in via a link. Is it real?',
    notes: ['Phishing campaign; message purged from all mailboxes.', 'Sender blocked.'],
    resolution: 'It was a phishing email; we removed it from every mailbox. Thank you for reporting it.',
    question: 'Did you click the link or enter your password?',
  },
  {
    team: 'team-service-desk',
    subject: 'Software request: MATLAB on my laptop',
    description: 'I need MATLAB for my dissertation. How do I get it on my own laptop?',
    notes: ['Campus licence covers personal devices.'],
    resolution: 'You can install MATLAB from the software portal with the campus licence.',
    question: 'Which MATLAB toolboxes do you need?',
  },
];

export interface ComplaintTopic {
  readonly subject: string;
  readonly description: string;
  readonly remedy: string;
  /** A data-protection complaint can be referred to the ICO. */
  readonly dataProtection: boolean;
}

export const COMPLAINT_TOPICS: readonly ComplaintTopic[] = [
  {
    subject: 'Repeated delays fixing my laptop',
    description:
      'My laptop has been with the desk three times in a month and I still cannot use it for work.',
    remedy: 'A working replacement laptop this week.',
    dataProtection: false,
  },
  {
    subject: 'Printing charged twice with no refund',
    description:
      'My printing account was charged twice for the same job and my refund request went unanswered.',
    remedy: 'Refund the duplicate charge.',
    dataProtection: false,
  },
  {
    subject: 'My personal data was sent to another student',
    description: 'An email with my account details and date of birth was sent to another student by mistake.',
    remedy: 'Confirm the email was deleted and explain how this will not happen again.',
    dataProtection: true,
  },
  {
    subject: 'Rude response at the walk-in desk',
    description: 'When I asked for help at the walk-in desk I was told to go away and read the website.',
    remedy: 'An apology and help with my original problem.',
    dataProtection: false,
  },
  {
    subject: 'Unhappy with how my escalation was handled',
    description: 'I escalated my ticket two weeks ago and nobody has updated me since the acknowledgement.',
    remedy: 'A named person to keep me updated and a date for the fix.',
    dataProtection: false,
  },
  {
    subject: 'Account closed while I was still enrolled',
    description: 'My account was closed during my interruption of studies and I lost my files.',
    remedy: 'Restore my account and files.',
    dataProtection: true,
  },
];

export interface FormalTopic {
  readonly subject: string;
  readonly statement: string;
  readonly period: string;
}

export const FORMAL_TOPICS: readonly FormalTopic[] = [
  {
    subject: 'Exam submission lost during the Turnitin outage',
    statement:
      'My exam submission was lost during the outage, I was marked as late and my appeal was ignored. The IT service did not record the outage.',
    period: 'January exam period',
  },
  {
    subject: 'Research data lost from the project share',
    statement:
      'Six months of research data were lost when the project share was migrated; no backup was offered and I was not told for weeks.',
    period: 'October to December',
  },
  {
    subject: 'Accessibility software not provided',
    statement:
      'The screen reader software my support plan requires was not installed in any teaching room despite repeated requests.',
    period: 'Since the start of the autumn term',
  },
  {
    subject: 'Repeated failure to restore my staff account',
    statement:
      'After returning from leave my staff account stayed disabled for three weeks; I could not be paid expenses or teach online.',
    period: 'Three weeks in February',
  },
];

export const REMEDY_TIMES = [
  'Weekdays after 2pm',
  'Mornings before 11',
  'Any time',
  'Lunchtime',
  'After 4pm',
] as const;

export const ACKNOWLEDGEMENTS = [
  'Thank you for getting in touch. We have logged your request and will update you shortly.',
  'Thanks for your message; an analyst is looking into this now.',
  'We have received your request and passed it to the right team.',
] as const;

export const UPDATES = [
  'A quick update: we are still working on this and will be back in touch soon.',
  'We are waiting on the supplier and will update you as soon as we hear back.',
  'The team responsible is investigating; thank you for your patience.',
] as const;

export const CUSTOMER_FOLLOW_UPS = [
  'Any news on this? It is still not working.',
  'Here is the information you asked for.',
  'I tried what you suggested but no luck.',
  'Just checking this is still being looked at.',
] as const;
