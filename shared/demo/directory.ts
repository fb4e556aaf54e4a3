import type { Person, PersonRole, Team } from '../sync';
import type { DemoTeamId } from './catalogue';

/** The demo desk: a service desk and five second-line teams in three divisions, each with its managers. */
export interface DemoDirectory {
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
  /** Who works cases, by team (agents and second-line staff). */
  readonly workers: Readonly<Record<DemoTeamId, readonly string[]>>;
  /** The service desk manager. */
  readonly managerId: string;
  /** Line managers (team leaders) by team. */
  readonly lineManagers: Readonly<Record<DemoTeamId, string>>;
  /** Who handles complaints: the desk's senior agents and the manager. */
  readonly complaintHandlers: readonly string[];
}

const TEAMS: readonly { id: DemoTeamId; name: string; division: string; lead: string; staff: string[] }[] = [
  {
    id: 'team-service-desk',
    name: 'Service Desk',
    division: 'Digital Services',
    lead: 'Joanne Fletcher',
    staff: [
      'Ana Patel',
      'Ben Carter',
      'Chloe Nguyen',
      'Daniel Okoro',
      'Emma Lawson',
      'Farid Hussain',
      'Gemma Doyle',
      'Harvey Quinn',
      'Imogen Shaw',
      'Jamal Reid',
    ],
  },
  {
    id: 'team-identity',
    name: 'Identity and Access',
    division: 'Digital Services',
    lead: 'Karen Whitfield',
    staff: ['Liam Foster', 'Maya Desai', 'Nathan Pryce'],
  },
  {
    id: 'team-networks',
    name: 'Networks',
    division: 'Infrastructure',
    lead: 'Owen Gallagher',
    staff: ['Pippa Marsh', 'Raj Malhotra', 'Sean Doherty'],
  },
  {
    id: 'team-devices',
    name: 'Devices and Print',
    division: 'Infrastructure',
    lead: 'Tessa Holloway',
    staff: ['Umar Sheikh', 'Victoria Lane', 'Will Hartley'],
  },
  {
    id: 'team-teaching',
    name: 'Teaching Systems',
    division: 'Academic Technology',
    lead: 'Yasmin Clarke',
    staff: ['Zach Brennan', 'Abigail Ross', 'Bilal Mirza'],
  },
  {
    id: 'team-research',
    name: 'Research Computing',
    division: 'Academic Technology',
    lead: 'Catherine Ellis',
    staff: ['Dominic Fry', 'Elena Petrova'],
  },
];

const DIRECTORS: Readonly<Record<string, string>> = {
  'Digital Services': 'Helen Armstrong',
  Infrastructure: 'Martin Sykes',
  'Academic Technology': 'Dr Priya Raman',
};

/** Each division's Head of Department, who reviews its formal complaints when a complainant asks. */
const HEADS_OF_DEPARTMENT: Readonly<Record<string, string>> = {
  'Digital Services': 'Catherine Lowe',
  Infrastructure: 'Dr Kwame Mensah',
  'Academic Technology': 'Siobhan Gallagher',
};

const MANAGER = 'Rachel Bishop';

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/^dr /, '')
    .replace(/[^a-z]+/g, '-');
}

function person(
  name: string,
  role: PersonRole,
  teamId: string | null,
  division: string | null,
  lineManagerId: string | null,
  seesConfidential: boolean,
): Person {
  const id = `person-${slug(name)}`;
  const email = `${slug(name).replace('-', '.')}@example.ac.uk`;
  return { id, name, email, role, teamId, division, lineManagerId, seesConfidential, active: true };
}

/** The same directory every time: the demo's people are named, not random. */
export function demoDirectory(): DemoDirectory {
  const people: Person[] = [];
  const directorIds: Record<string, string> = {};
  for (const [division, name] of Object.entries(DIRECTORS)) {
    const director = person(name, 'director', null, division, null, true);
    directorIds[division] = director.id;
    people.push(director);
  }
  // A Head of Department sees the confidential complaints they own (the review stage), not every complaint.
  for (const [division, name] of Object.entries(HEADS_OF_DEPARTMENT)) {
    people.push(person(name, 'head-of-department', null, division, directorIds[division]!, false));
  }
  const manager = person(
    MANAGER,
    'manager',
    'team-service-desk',
    'Digital Services',
    directorIds['Digital Services']!,
    true,
  );
  people.push(manager);

  const teams: Team[] = [];
  const workers = {} as Record<DemoTeamId, string[]>;
  const lineManagers = {} as Record<DemoTeamId, string>;
  for (const team of TEAMS) {
    // The service desk's team leader reports to the desk manager; other leads to their director.
    const leadsTo = team.id === 'team-service-desk' ? manager.id : directorIds[team.division]!;
    const lead = person(team.lead, 'line-manager', team.id, team.division, leadsTo, true);
    people.push(lead);
    lineManagers[team.id] = lead.id;
    teams.push({ id: team.id, name: team.name, division: team.division, lineManagerId: lead.id });
    workers[team.id] = team.staff.map((name, i) => {
      // The first two desk agents handle complaints, so they may see confidential cases.
      const senior = team.id === 'team-service-desk' && i < 2;
      const staff = person(name, 'agent', team.id, team.division, lead.id, senior);
      people.push(staff);
      return staff.id;
    });
  }
  const desk = workers['team-service-desk'];
  return {
    people,
    teams,
    workers,
    managerId: manager.id,
    lineManagers,
    complaintHandlers: [desk[0]!, desk[1]!, manager.id],
  };
}
