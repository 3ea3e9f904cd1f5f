/**
 * Word lists the scale corpus draws from. Organisation, restaurant, book and project
 * names are made up for this corpus; people are combinations of common first and last
 * names; places are real cities.
 */

export const FIRST_NAMES =
  `Aaliyah Abebe Adaeze Adrian Agnes Ahmed Aiko Alba Aleksander Alice Amara Amir Ana Anders
Anika Antoine Arjun Astrid Aurelio Ayesha Beatriz Benedikt Bilal Bjorn Bongani Bruno Camila Carlos Carmen Chen Chiara
Chidi Clara Dalia Daniel Darius Deepa Dmitri Duc Eduardo Efua Elena Elif Emeka Emil Esi Esther Fatima Felix Fernando
Fiona Florian Gabriel Giulia Goran Grace Hamid Hana Hannah Haruto Helga Hugo Ibrahim Ilse Imani Ines Ingrid Isaac
Ivan Jakub Jamal Javier Jin Joao Jonas Jun Kai Kamala Karim Katarzyna Kenji Kofi Lara Leila Lena Liam Lin Lucia Luis
Maja Malik Marco Mariam Marta Mateo Mei Mikael Min-jun Miriam Nadia Naveen Nia Nikolai Nils Noor Olga Omar Oskar
Pablo Paolo Parisa Pedro Priya Rafael Rahul Ravi Rosa Ruth Sahil Samira Santiago Sara Sefa Sergei Shirin Sofia Stella
Sunil Tariq Teresa Thabo Theo Tomas Uma Valentina Viktor Wanjiru Wei Xavier Yara Yusuf Zainab Zofia`
    .split(/\s+/)
    .filter(Boolean)

export const LAST_NAMES =
  `Abara Adeyemi Alvarez Andersen Aoki Bakker Banerjee Barros Becker Bianchi Brennan Castillo
Chowdhury Costa Dahl Demir Diallo Dubois Eriksson Esposito Farouk Fischer Fonseca Gallagher Garcia Greco Haddad Hansen
Hartmann Horvat Ibekwe Ivanova Jansen Jovanovic Kaminski Karimi Kato Keller Kowalski Kumar Larsen Laurent Lehmann
Lindqvist Lopez Mahlangu Marin Meyer Mensah Moreau Mukherjee Murphy Nakamura Navarro Nguyen Nielsen Novak Nowak
Okafor Oliveira Osei Ozturk Park Patel Pereira Petrov Quispe Rahman Reyes Romano Rossi Saito Santos Schmidt Schneider
Sharma Silva Sokolov Suzuki Svensson Takahashi Tanaka Torres Tran Vargas Volkov Wagner Walsh Weber Wojcik Yamamoto
Yilmaz Zhang Zielinski`
    .split(/\s+/)
    .filter(Boolean)

export const CITIES =
  `Accra Addis-Ababa Amsterdam Antwerp Athens Auckland Bangalore Barcelona Beirut Bergen Berlin
Bilbao Bogota Bologna Bordeaux Boston Brisbane Bristol Brno Budapest Buenos-Aires Cairo Calgary Cape-Town Chicago
Cologne Copenhagen Cork Cusco Dakar Delhi Denver Dublin Dubrovnik Durban Edinburgh Florence Fukuoka Gdansk Geneva
Ghent Glasgow Gothenburg Granada Graz Guadalajara Hamburg Hanoi Helsinki Hobart Istanbul Jakarta Kampala Kigali Kyoto
Lagos Lima Lisbon Ljubljana London Lyon Madrid Malmo Manchester Marrakesh Marseille Medellin Melbourne Milan Montreal
Mumbai Munich Nairobi Nantes Naples Oaxaca Osaka Oslo Ottawa Palermo Paris Perth Porto Prague Quito Reykjavik Riga
Rotterdam Salzburg Santiago Sao-Paulo Sapporo Seattle Seoul Seville Singapore Sofia Split Stockholm Tallinn Tbilisi
Tokyo Toronto Toulouse Trieste Tunis Turin Utrecht Valencia Vancouver Vienna Vilnius Warsaw Wellington Yokohama
Zagreb Zanzibar Zurich`
    .split(/\s+/)
    .filter(Boolean)
    .map((city) => city.replaceAll('-', ' '))

export const ORGANISATIONS = [
  'Brightwater Labs',
  'Kestrel Analytics',
  'Harbor and Pine Architects',
  'Riverside Community Clinic',
  'Northgate Primary School',
  'Lumen Robotics',
  'Copperleaf Bank',
  'the Meridian Hotel group',
  'Saltmarsh Brewing',
  'Orchid Biotech',
  'the city library',
  'Tidewater Logistics',
  'Greenfield Cooperative',
  'Atlas Insurance',
  'Bluebird Design Studio',
  'Quarry Hill University',
  'Silverline Airlines',
  'the regional hospital',
  'Foxglove Publishing',
  'Ironwood Engineering',
  'Pelican Software',
  'Sunrise Bakery',
  'the football club',
  'Granite Peak Outfitters',
  'Willow Creek Vineyards',
  'Beacon Legal',
  'Starling Media',
  'Maple Street Dental',
  'Horizon Energy',
  'the climbing gym',
  'Cedar Row Consulting',
  'Nimbus Cloud Services',
  'Oakhurst Veterinary Practice',
  'the town council',
  'Marigold Catering',
  'Redwood Capital',
]

export const JOBS = `nurse|teacher|software engineer|accountant|architect|pharmacist|chef|electrician|lawyer|
data analyst|project manager|graphic designer|physiotherapist|journalist|carpenter|translator|pilot|dentist|
marine biologist|product manager|veterinarian|librarian|social worker|civil engineer|photographer|paramedic|
researcher|baker|urban planner|sales director`
  .split('|')
  .map((job) => job.trim())

export const HOBBIES =
  `pottery|bouldering|salsa dancing|birdwatching|chess|trail running|sourdough baking|knitting|
sailing|watercolour painting|beekeeping|cycling|kayaking|jazz piano|gardening|woodworking|photography|yoga|
swimming|board games|calligraphy|rowing|fencing|orienteering|cello|ceramics|tennis|scuba diving|astronomy|
volunteering at the food bank|learning Japanese|learning Portuguese|playing the violin|restoring old bikes|
crossword puzzles|mountain biking|stand-up comedy|choir singing`
    .split('|')
    .map((hobby) => hobby.trim())

export const FOODS =
  `peanuts|shellfish|gluten|lactose|sesame|strawberries|mushrooms|coriander|olives|spicy food|
ramen|dumplings|paella|tacos|sushi|pho|lasagne|falafel|jollof rice|pierogi|risotto|curry|ceviche|moussaka|
dark chocolate|blue cheese|pickled herring|kimchi|cardamom buns|tiramisu`
    .split('|')
    .map((food) => food.trim())

export const PET_NAMES =
  `Biscuit Pepper Luna Mochi Olive Rufus Ziggy Nala Pickle Juniper Waffles Cosmo Maple Toffee
Hazel Bruno Pixel Clementine Basil Otis`
    .split(/\s+/)
    .filter(Boolean)

export const PET_KINDS = [
  'dog',
  'cat',
  'rabbit',
  'parrot',
  'tortoise',
  'hamster',
  'goldfish',
  'puppy',
  'kitten',
]

export const BOOKS = [
  'The Salt Orchard',
  'A Map of Quiet Rivers',
  'Glass Mountains',
  'The Last Ferry to Vell',
  'Night Bakery',
  'Seven Winters in Tallin Street',
  'The Cartographer’s Daughter',
  'Small Engines',
  'Letters from the Lighthouse',
  'The Copper Garden',
  'Hollow Bells',
  'An Atlas of Lost Kitchens',
  'The Weight of Feathers',
  'Paper Harbours',
  'Under the Lemon Trees',
  'The Long Way North',
  'Thirty Rooms',
  'Field Notes on Rain',
]

export const CLINICS = [
  'Riverside Community Clinic',
  'Maple Street Dental',
  'the regional hospital',
  'the physiotherapy centre',
  'the eye clinic',
  'the health centre on Elm Road',
]

export const RESTAURANTS = [
  'Casa Lumen',
  'the Blue Door',
  'Osteria Vento',
  'Little Saigon Kitchen',
  'the Fig Tree',
  'Ramen Kaze',
  'Taberna do Rio',
  'the Golden Wok',
  'Bistro Anouk',
  'Mesa Verde',
  'the Corner Deli',
  'Spice Route',
  'Hearth and Ember',
  'Café Millefleur',
]

export const PROJECTS =
  `the website redesign|the warehouse migration|the quarterly budget|the mobile app launch|
the data platform|the customer survey|the office move|the grant application|the audit|the hiring plan|
the new onboarding flow|the billing system|the spring campaign|the research paper|the safety review|
the partner integration|the annual report|the training programme`
    .split('|')
    .map((project) => project.trim())

export const RELATIONS = [
  'sister',
  'brother',
  'cousin',
  'colleague',
  'neighbour',
  'best friend',
  'manager',
  'aunt',
  'uncle',
  'flatmate',
]

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
