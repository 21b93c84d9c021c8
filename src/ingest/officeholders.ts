import type { Day } from '../domain/dates.ts';
import { parseRole, type RoleSense } from './roles.ts';

/**
 * Who held the offices news text names by role ("Britain's prime minister", "the Kremlin
 * spokesman", "the German chancellor"), with the days they took and left them: general knowledge
 * of 2024–2026 public life, the way roles.ts knows countries. It is used only when the article
 * itself does not say who holds a role: to link the role to a person the article names elsewhere
 * ("Sir Keir Starmer"), or, failing that, to the holder it does not name, which the review marks
 * as a name from outside the text. Confidences for both are measured like every other rule's.
 * Offices whose holders changed in ways not known here are left out rather than guessed.
 */

export interface OfficeHolder {
  name: string;
  /** A role phrase as news text writes it; parsed with parseRole. */
  title: string;
  from?: Day;
  /** The last day in office (exclusive of the successor's first). */
  to?: Day;
  gender?: 'he' | 'she';
}

const H = (name: string, title: string, from?: Day, to?: Day, gender?: 'he' | 'she'): OfficeHolder => ({
  name,
  title,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
  ...(gender ? { gender } : {}),
});

export const OFFICE_HOLDERS: readonly OfficeHolder[] = [
  // United States
  H('Joe Biden', 'US president', '2021-01-20', '2025-01-19', 'he'),
  H('Donald Trump', 'US president', '2025-01-20', undefined, 'he'),
  H('Kamala Harris', 'US vice president', '2021-01-20', '2025-01-19', 'she'),
  H('JD Vance', 'US vice president', '2025-01-20', undefined, 'he'),
  H('Antony Blinken', 'US secretary of state', '2021-01-26', '2025-01-20', 'he'),
  H('Marco Rubio', 'US secretary of state', '2025-01-21', undefined, 'he'),
  H('Mike Waltz', 'US national security adviser', '2025-01-20', '2025-05-01', 'he'),
  H('Scott Bessent', 'US treasury secretary', '2025-01-28', undefined, 'he'),
  H('Pete Hegseth', 'US defense secretary', '2025-01-25', undefined, 'he'),
  H('Howard Lutnick', 'US commerce minister', '2025-02-21', undefined, 'he'),
  H('Jamieson Greer', 'US trade representative', '2025-02-26', undefined, 'he'),
  H('Karoline Leavitt', 'White House press secretary', '2025-01-20', undefined, 'she'),
  // Russia
  H('Vladimir Putin', 'Russian president', '2012-05-07', undefined, 'he'),
  H('Mikhail Mishustin', 'Russian prime minister', '2020-01-16', undefined, 'he'),
  H('Sergei Lavrov', 'Russian foreign minister', '2004-03-09', undefined, 'he'),
  H('Dmitry Peskov', 'Kremlin spokesman', '2012-05-22', undefined, 'he'),
  H('Yuri Ushakov', 'Kremlin foreign policy aide', '2012-05-21', undefined, 'he'),
  H('Maria Zakharova', 'Russian foreign ministry spokeswoman', '2015-08-10', undefined, 'she'),
  H('Andrei Belousov', 'Russian defence minister', '2024-05-14', undefined, 'he'),
  // Ukraine
  H('Volodymyr Zelensky', 'Ukrainian president', '2019-05-20', undefined, 'he'),
  H('Denys Shmyhal', 'Ukrainian prime minister', '2020-03-04', '2025-07-16', 'he'),
  H('Yulia Svyrydenko', 'Ukrainian prime minister', '2025-07-17', undefined, 'she'),
  H('Andrii Sybiha', 'Ukrainian foreign minister', '2024-09-05', undefined, 'he'),
  H('Rustem Umerov', 'Ukrainian defence minister', '2023-09-06', '2025-07-16', 'he'),
  H('Andriy Yermak', 'chief of staff to the Ukrainian president', '2020-02-11', '2025-11-27', 'he'),
  // United Kingdom
  H('Rishi Sunak', 'British prime minister', '2022-10-25', '2024-07-04', 'he'),
  H('Keir Starmer', 'British prime minister', '2024-07-05', undefined, 'he'),
  H('David Lammy', 'British foreign secretary', '2024-07-05', '2025-09-04', 'he'),
  H('Yvette Cooper', 'British foreign secretary', '2025-09-05', undefined, 'she'),
  H('John Healey', 'British defence secretary', '2024-07-05', undefined, 'he'),
  // France
  H('Emmanuel Macron', 'French president', '2017-05-14', undefined, 'he'),
  H('François Bayrou', 'French prime minister', '2024-12-13', '2025-09-08', 'he'),
  H('Sébastien Lecornu', 'French prime minister', '2025-09-09', undefined, 'he'),
  H('Jean-Noël Barrot', 'French foreign minister', '2024-09-21', undefined, 'he'),
  // Germany
  H('Olaf Scholz', 'German chancellor', '2021-12-08', '2025-05-05', 'he'),
  H('Friedrich Merz', 'German chancellor', '2025-05-06', undefined, 'he'),
  H('Annalena Baerbock', 'German foreign minister', '2021-12-08', '2025-05-05', 'she'),
  H('Johann Wadephul', 'German foreign minister', '2025-05-06', undefined, 'he'),
  H('Boris Pistorius', 'German defence minister', '2023-01-19', undefined, 'he'),
  // Other European states
  H('Giorgia Meloni', 'Italian prime minister', '2022-10-22', undefined, 'she'),
  H('Antonio Tajani', 'Italian foreign minister', '2022-10-22', undefined, 'he'),
  H('Donald Tusk', 'Polish prime minister', '2023-12-13', undefined, 'he'),
  H('Andrzej Duda', 'Polish president', '2015-08-06', '2025-08-05', 'he'),
  H('Karol Nawrocki', 'Polish president', '2025-08-06', undefined, 'he'),
  H('Radosław Sikorski', 'Polish foreign minister', '2023-12-13', undefined, 'he'),
  H('Viktor Orbán', 'Hungarian prime minister', '2010-05-29', undefined, 'he'),
  H('Péter Szijjártó', 'Hungarian foreign minister', '2014-09-23', undefined, 'he'),
  H('Alexander Stubb', 'Finnish president', '2024-03-01', undefined, 'he'),
  H('Recep Tayyip Erdogan', 'Turkish president', '2014-08-28', undefined, 'he'),
  H('Hakan Fidan', 'Turkish foreign minister', '2023-06-04', undefined, 'he'),
  H('Pedro Sánchez', 'Spanish prime minister', '2018-06-02', undefined, 'he'),
  H('Mette Frederiksen', 'Danish prime minister', '2019-06-27', undefined, 'she'),
  H('Robert Fico', 'Slovak prime minister', '2023-10-25', undefined, 'he'),
  H('Nicușor Dan', 'Romanian president', '2025-05-26', undefined, 'he'),
  H('Maia Sandu', 'Moldovan president', '2020-12-24', undefined, 'she'),
  H('Alexander Lukashenko', 'Belarusian president', '1994-07-20', undefined, 'he'),
  // European Union, NATO, United Nations
  H('Ursula von der Leyen', 'European Commission president', '2019-12-01', undefined, 'she'),
  H('António Costa', 'European Council president', '2024-12-01', undefined, 'he'),
  H('Kaja Kallas', 'EU foreign policy chief', '2024-12-01', undefined, 'she'),
  H('Kaja Kallas', 'EU top diplomat', '2024-12-01', undefined, 'she'),
  H('Maroš Šefčovič', 'EU trade chief', '2024-12-01', undefined, 'he'),
  H('Mark Rutte', 'NATO secretary general', '2024-10-01', undefined, 'he'),
  H('António Guterres', 'UN secretary-general', '2017-01-01', undefined, 'he'),
  // Middle East
  H('Benjamin Netanyahu', 'Israeli prime minister', '2022-12-29', undefined, 'he'),
  H('Masoud Pezeshkian', 'Iranian president', '2024-07-28', undefined, 'he'),
  H('Abbas Araghchi', 'Iranian foreign minister', '2024-08-21', undefined, 'he'),
  H('Abdel Fattah al-Sisi', 'Egyptian president', '2014-06-08', undefined, 'he'),
  H('Badr Abdelatty', 'Egyptian foreign minister', '2024-07-03', undefined, 'he'),
  H('Tamim bin Hamad Al Thani', 'Qatari emir', '2013-06-25', undefined, 'he'),
  H('Mohammed bin Salman', 'Saudi crown prince', '2017-06-21', undefined, 'he'),
  H('Ahmed al-Sharaa', 'Syrian president', '2025-01-29', undefined, 'he'),
  // Asia, the Americas, Africa, Oceania
  H('Xi Jinping', 'Chinese president', '2013-03-14', undefined, 'he'),
  H('Li Qiang', 'Chinese premier', '2023-03-11', undefined, 'he'),
  H('Wang Yi', 'Chinese foreign minister', '2023-07-25', undefined, 'he'),
  H('Narendra Modi', 'Indian prime minister', '2014-05-26', undefined, 'he'),
  H('Shigeru Ishiba', 'Japanese prime minister', '2024-10-01', '2025-10-20', 'he'),
  H('Sanae Takaichi', 'Japanese prime minister', '2025-10-21', undefined, 'she'),
  H('Lee Jae-myung', 'South Korean president', '2025-06-04', undefined, 'he'),
  H('Anwar Ibrahim', 'Malaysian prime minister', '2022-11-24', undefined, 'he'),
  H('Hun Manet', 'Cambodian prime minister', '2023-08-22', undefined, 'he'),
  H('Justin Trudeau', 'Canadian prime minister', '2015-11-04', '2025-03-13', 'he'),
  H('Mark Carney', 'Canadian prime minister', '2025-03-14', undefined, 'he'),
  H('Luiz Inácio Lula da Silva', 'Brazilian president', '2023-01-01', undefined, 'he'),
  H('Javier Milei', 'Argentine president', '2023-12-10', undefined, 'he'),
  H('Claudia Sheinbaum', 'Mexican president', '2024-10-01', undefined, 'she'),
  H('Gabriel Boric', 'Chilean president', '2022-03-11', '2026-03-10', 'he'),
  H('Cyril Ramaphosa', 'South African president', '2018-02-15', undefined, 'he'),
  H('Anthony Albanese', 'Australian prime minister', '2022-05-23', undefined, 'he'),
];

export interface KnownHolder {
  name: string;
  role: RoleSense;
  gender?: 'he' | 'she';
}

/** The holders known to be in office on a day, with their roles parsed. */
export function holdersOn(day: Day): KnownHolder[] {
  return OFFICE_HOLDERS.filter((h) => (!h.from || h.from <= day) && (!h.to || day <= h.to)).flatMap((h) => {
    const role = parseRole(h.title);
    // A role tied to no country or organisation would fit any "president": never used.
    return role?.affiliation ? [{ name: h.name, role, ...(h.gender ? { gender: h.gender } : {}) }] : [];
  });
}
