/**
 * Kent's real births, district by district: ONS mid-year-estimate births (the twelve months to 30 June of each year)
 * by sex of child, 2002-2014, for Kent's twelve districts (GSS codes E07000105 Ashford … E07000116 Tunbridge Wells).
 * Copied from ../shared/data/public/ons-births-la/ons_mye_births_by_la_2002-2014.csv (MastodonC's historic_births.csv,
 * ONS data under the Open Government Licence v3.0; see PROVENANCE.md in that folder), so the demo runs without that
 * folder. The file has no county rows: Kent is the sum of these twelve districts (PROVENANCE.md: 2002 14,472; 2009
 * 16,948; 2012 18,032; 2013 17,432; 2014 17,156). kent-births.test.ts checks every number against the file.
 */

export type DemoBirths = readonly Readonly<{ districtCode: string; sex: 'female' | 'male'; year: number; births: number }>[];

const firstYear = 2002;

// District → births by year from 2002 to 2014, girls and boys.
const table: Readonly<Record<string, Readonly<{ female: readonly number[]; male: readonly number[] }>>> = {
  E07000105: {
    female: [613, 657, 642, 617, 675, 690, 741, 706, 754, 699, 743, 782, 700],
    male: [659, 634, 659, 697, 669, 701, 775, 748, 733, 764, 789, 772, 735],
  },
  E07000106: {
    female: [630, 648, 667, 661, 641, 647, 738, 720, 714, 712, 735, 623, 681],
    male: [668, 733, 705, 696, 760, 756, 679, 747, 725, 775, 777, 713, 754],
  },
  E07000107: {
    female: [503, 576, 576, 555, 580, 611, 663, 660, 667, 739, 721, 712, 730],
    male: [587, 549, 586, 645, 580, 678, 651, 653, 720, 735, 806, 755, 746],
  },
  E07000108: {
    female: [499, 496, 503, 539, 566, 590, 646, 556, 578, 573, 612, 566, 567],
    male: [548, 521, 537, 546, 611, 559, 574, 659, 630, 621, 629, 645, 574],
  },
  E07000109: {
    female: [506, 478, 486, 560, 597, 609, 618, 616, 666, 645, 686, 688, 737],
    male: [544, 578, 612, 570, 646, 661, 638, 661, 661, 688, 769, 702, 750],
  },
  E07000110: {
    female: [781, 779, 821, 782, 757, 839, 909, 865, 895, 929, 932, 944, 892],
    male: [742, 826, 850, 870, 914, 901, 908, 895, 932, 1036, 1056, 1021, 995],
  },
  E07000111: {
    female: [562, 566, 611, 580, 632, 598, 647, 607, 673, 654, 670, 617, 642],
    male: [555, 608, 571, 614, 637, 687, 663, 648, 679, 703, 705, 662, 592],
  },
  E07000112: {
    female: [456, 485, 505, 488, 495, 583, 577, 576, 585, 623, 575, 551, 589],
    male: [499, 493, 561, 559, 609, 570, 564, 620, 576, 601, 596, 586, 536],
  },
  E07000113: {
    female: [679, 697, 709, 771, 726, 740, 800, 774, 898, 862, 834, 839, 820],
    male: [730, 716, 811, 701, 821, 856, 870, 890, 910, 911, 904, 907, 890],
  },
  E07000114: {
    female: [625, 591, 640, 661, 720, 737, 744, 763, 815, 776, 828, 786, 777],
    male: [682, 726, 711, 738, 738, 776, 810, 860, 824, 857, 900, 856, 821],
  },
  E07000115: {
    female: [604, 615, 653, 649, 669, 637, 645, 660, 655, 623, 671, 692, 676],
    male: [668, 620, 673, 655, 645, 707, 723, 721, 734, 740, 741, 740, 720],
  },
  E07000116: {
    female: [533, 557, 571, 559, 625, 619, 641, 656, 649, 688, 655, 602, 629],
    male: [599, 628, 642, 579, 607, 707, 699, 687, 672, 746, 698, 671, 603],
  },
};

export const kentBirths: DemoBirths = Object.entries(table).flatMap(([districtCode, bySex]) =>
  (['female', 'male'] as const).flatMap((sex) => bySex[sex].map((births, i) => ({ districtCode, sex, year: firstYear + i, births }))),
);
