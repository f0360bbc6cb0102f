/** Fictional people and places for demo data. Nobody named in the privacy notice appears here. */
export const FIRST_NAMES = [
  'Aino', 'Eino', 'Helmi', 'Väinö', 'Siiri', 'Onni', 'Kerttu', 'Toivo', 'Lempi', 'Urho', 'Elli', 'Veikko',
  'Saimi', 'Tauno', 'Impi', 'Arvo', 'Hilja', 'Lauri', 'Martta', 'Paavo', 'Iida', 'Eetu', 'Venla', 'Leevi',
  'Ronja', 'Niilo', 'Vilja', 'Aapo', 'Pihla', 'Oiva', 'Sanni', 'Joel', 'Emmi', 'Kalle', 'Noora', 'Ville',
];
export const LAST_NAMES = [
  'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen',
  'Järvinen', 'Lehtonen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Kinnunen', 'Salonen', 'Turunen',
  'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen',
  'Ahonen', 'Kallio', 'Hiltunen', 'Leinonen', 'Miettinen', 'Pesonen', 'Aaltonen', 'Lindqvist', 'Sundström',
];
export const PLACES: Array<{ city: string; postalCode: string; streets: string[] }> = [
  { city: 'Helsinki', postalCode: '00100', streets: ['Mannerheimintie', 'Aleksanterinkatu', 'Fredrikinkatu'] },
  { city: 'Helsinki', postalCode: '00530', streets: ['Hämeentie', 'Porthaninkatu'] },
  { city: 'Espoo', postalCode: '02100', streets: ['Tapiolantie', 'Itätuulenkuja'] },
  { city: 'Vantaa', postalCode: '01300', streets: ['Tikkurilantie', 'Asematie'] },
  { city: 'Tampere', postalCode: '33100', streets: ['Hämeenkatu', 'Kuninkaankatu'] },
  { city: 'Turku', postalCode: '20100', streets: ['Aurakatu', 'Linnankatu'] },
  { city: 'Oulu', postalCode: '90100', streets: ['Kirkkokatu', 'Isokatu'] },
  { city: 'Jyväskylä', postalCode: '40100', streets: ['Kauppakatu', 'Väinönkatu'] },
  { city: 'Kuopio', postalCode: '70100', streets: ['Puijonkatu', 'Haapaniemenkatu'] },
  { city: 'Lahti', postalCode: '15100', streets: ['Aleksanterinkatu', 'Vapaudenkatu'] },
  { city: 'Vaasa', postalCode: '65100', streets: ['Hovioikeudenpuistikko', 'Kauppapuistikko'] },
  { city: 'Rovaniemi', postalCode: '96100', streets: ['Koskikatu', 'Rovakatu'] },
];
export const ORGANISATION_NAMES = [
  'Kuusiston Puutarha Oy', 'Rantalan Rakennus Oy', 'Pohjolan Kahvila Ky', 'Tunturin Matkat Oy', 'Saariston Kala Oy',
  'Metsälän Saha Oy', 'Kaupungin Kirjapaino Oy', 'Lakeuden Leipomo Oy', 'Virran Sähkö Ky', 'Harjun Hammashoito Oy',
  'Kallion Kukka Tmi', 'Ilmarin Insinöörit Oy', 'Aallon Veneveistämö Oy', 'Kiven Konepaja Oy', 'Tuulen Tilitoimisto Oy',
  'Lumen Lastentarvike Oy', 'Honkalan Huonekalu Oy', 'Järven Jäätelö Oy', 'Peltolan Pienpanimo Oy', 'Sammon Siivous Oy',
];
