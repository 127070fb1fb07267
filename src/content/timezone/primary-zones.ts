// The IANA zone a calendar user most likely means for each distinct rule set: one representative
// per Windows time zone (the CLDR windowsZones "001" territory choices), in the modern spelling.
// A blob names rules, not places; when several zones share the rules the first listed wins, after
// the zones the request itself suggests (the event's old zone, the user's default, the blob's
// names). Pure data; the matcher falls back to every zone ICU knows.

export const PRIMARY_ZONES: readonly string[] = [
  // An all-zero blob (offset 0, no DST) means UTC, not Reykjavik.
  'UTC',
  'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Budapest', 'Europe/Warsaw', 'Europe/Athens',
  'Europe/Bucharest', 'Europe/Kiev', 'Europe/Helsinki', 'Europe/Istanbul', 'Europe/Moscow', 'Europe/Minsk',
  'Europe/Kaliningrad', 'Europe/Samara', 'Europe/Saratov', 'Europe/Volgograd', 'Europe/Astrakhan',
  'Europe/Chisinau', 'Atlantic/Reykjavik', 'Atlantic/Azores', 'Atlantic/Cape_Verde',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'Pacific/Honolulu', 'America/Adak', 'America/Halifax', 'America/St_Johns',
  'America/Regina', 'America/Mexico_City', 'America/Chihuahua', 'America/Tijuana', 'America/Cancun',
  'America/Guatemala', 'America/Bogota', 'America/Indiana/Indianapolis', 'America/Havana',
  'America/Port-au-Prince', 'America/Grand_Turk', 'America/Caracas', 'America/La_Paz', 'America/Santiago',
  'America/Asuncion', 'America/Cuiaba', 'America/Sao_Paulo', 'America/Argentina/Buenos_Aires',
  'America/Cayenne', 'America/Montevideo', 'America/Bahia', 'America/Punta_Arenas', 'America/Araguaina',
  'America/Godthab', 'America/Miquelon', 'America/Whitehorse', 'America/Noronha',
  'Africa/Lagos', 'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Nairobi', 'Africa/Casablanca',
  'Africa/Tripoli', 'Africa/Windhoek', 'Africa/Khartoum', 'Africa/Juba', 'Africa/Sao_Tome',
  'Asia/Jerusalem', 'Asia/Beirut', 'Asia/Damascus', 'Asia/Amman', 'Asia/Gaza', 'Asia/Baghdad',
  'Asia/Riyadh', 'Asia/Tehran', 'Asia/Dubai', 'Asia/Baku', 'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Kabul',
  'Asia/Tashkent', 'Asia/Yekaterinburg', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Colombo', 'Asia/Kathmandu',
  'Asia/Almaty', 'Asia/Dhaka', 'Asia/Omsk', 'Asia/Yangon', 'Asia/Bangkok', 'Asia/Barnaul', 'Asia/Hovd',
  'Asia/Krasnoyarsk', 'Asia/Novosibirsk', 'Asia/Tomsk', 'Asia/Shanghai', 'Asia/Irkutsk', 'Asia/Singapore',
  'Australia/Perth', 'Asia/Taipei', 'Asia/Ulaanbaatar', 'Australia/Eucla', 'Asia/Chita', 'Asia/Tokyo',
  'Asia/Pyongyang', 'Asia/Seoul', 'Asia/Yakutsk', 'Australia/Adelaide', 'Australia/Darwin',
  'Australia/Brisbane', 'Australia/Sydney', 'Pacific/Port_Moresby', 'Australia/Hobart',
  'Asia/Vladivostok', 'Australia/Lord_Howe', 'Pacific/Bougainville', 'Asia/Srednekolymsk',
  'Asia/Magadan', 'Pacific/Norfolk', 'Asia/Sakhalin', 'Pacific/Guadalcanal', 'Asia/Kamchatka',
  'Pacific/Auckland', 'Pacific/Fiji', 'Pacific/Chatham', 'Pacific/Tongatapu', 'Pacific/Apia',
  'Pacific/Kiritimati', 'Pacific/Marquesas', 'Pacific/Gambier', 'Pacific/Pitcairn', 'Pacific/Easter',
  'Etc/GMT+12', 'Etc/GMT+11', 'Etc/GMT+2', 'Etc/GMT-12', 'Etc/GMT-13',
];
