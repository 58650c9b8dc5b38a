/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Realistic, deterministic coaching data for demos, tests and benchmarks.
 *
 * Everything that ends up in a field comes from two GRands seeded with
 * the caller's seed: one for UUIDs, one for content. Dates derive from
 * the 2025-26 school year and earlier years (or the school year of a
 * given day, for a sample notebook), never from the wall clock,
 * so the same seed gives the same records on every machine (only the
 * created times and stamps, which the store writes, differ). */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cb-catalog.h"
#include "cb-exit-tickets.h"
#include "cb-generate.h"
#include "cb-walk.h"

#define BASE_YEAR      2025           /* the school year 2025-26 */
#define REFERENCE_DATE "2026-03-15"   /* "today" when choosing statuses */
#define BATCH_SIZE     5000
#define MAX_FIELDS     24
#define STAFF_PER_SCHOOL 29
#define MAX_COHORT     10

typedef struct
{
  const char *en;
  const char *es;
} Pair;

typedef struct
{
  const char *text;
  const char *key;    /* lowercase part of a look-for name to tag with */
} Line;

/* ------------------------------------------------------------ vocabulary */

static const char * const first_names[] = {
  "Maria", "José", "Ana", "Luis", "Carmen", "Miguel", "Sofía", "Daniel",
  "Guadalupe", "Jasmine", "Kevin", "Tanya", "Michael", "Jennifer", "David",
  "Linh", "Minh", "Grace", "Samuel", "Aisha", "Darnell", "Keisha", "Andrew",
  "Emily", "Rosa", "Javier", "Alejandra", "Brian", "Nicole", "Héctor",
  "Yesenia", "Patrick", "Lauren", "Omar", "Fatima", "Eun-ji", "Hiroshi",
  "Priya", "Raj", "Tiffany", "Marcus", "Erika", "Ramón", "Beatriz", "Chris",
  "Stephanie", "Tomás", "Lucía", "Gabriel", "Monique", "Angela", "Victor",
};

static const char * const last_names[] = {
  "García", "Hernández", "López", "Martínez", "Rodríguez", "González",
  "Pérez", "Sánchez", "Ramírez", "Flores", "Nguyen", "Tran", "Kim", "Park",
  "Johnson", "Williams", "Brown", "Jones", "Davis", "Miller", "Wilson",
  "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson",
  "Moore", "Lee", "Walker", "Hall", "Allen", "Young", "King", "Wright",
  "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
  "Mitchell", "Roberts", "Carter", "Evans", "Turner", "Torres", "Rivera",
  "Gómez", "Díaz", "Reyes", "Cruz", "Morales", "Ortiz", "Gutiérrez",
  "Chávez", "Ramos", "Patel", "Shah", "Okafor", "Mensah", "Cohen",
  "Yamamoto", "Chen", "Wong", "Singh", "O'Brien",
};

static const char * const places[] = {
  "Sycamore Grove", "Arroyo Vista", "Harbor View", "Lincoln Heights",
  "Montecito Park", "Valle Verde", "Del Sol", "Eastside", "Cedar Ridge",
  "Pacific Crest", "Magnolia", "Northgate", "Willow Creek", "Mission Hills",
  "Rosewood", "Bayside", "Las Palmas", "Oak Meadow", "Sierra Vista",
  "Riverside",
};

typedef struct
{
  const char *suffix;
  int         lo, hi;     /* grades, K = 0 */
  const char *grades;
} SchoolType;

static const SchoolType school_types[] = {
  { "Elementary School",  0,  5, "K-5" },
  { "Middle School",      6,  8, "6-8" },
  { "High School",        9, 12, "9-12" },
  { "K-8 Academy",        0,  8, "K-8" },
  { "Leadership Academy", 0, 12, "TK-12" },
  { "STEM Academy",       6, 12, "6-12" },
};

static const char * const districts[] = {
  "Los Robles Unified School District", "Bay Harbor Unified School District",
  "Mesa Verde School District", "Valley Unified School District",
  "Independent charter",
};

static const char * const streets[] = {
  "Oak Street", "5th Avenue", "Cesar E. Chavez Avenue", "Mission Road",
  "Elm Street", "Sunset Boulevard", "Figueroa Street", "Alvarado Street",
};

static const char * const cities[] = {
  "Los Robles, CA", "Bay Harbor, CA", "Mesa Verde, CA", "Valle Alto, CA",
};

static const char * const school_notes[] = {
  "Title I school; most students qualify for free or reduced-price lunch.",
  "Dual-language program (Spanish/English) in grades K-5.",
  "Bell schedule 8:00-2:45; minimum day on Wednesdays for PLCs.",
  "Sign in at the front office; visitor parking behind the gym.",
  "Math block is 60 minutes in K-5 and 55-minute periods in 6-8.",
  "New curriculum adoption this year (Illustrative Mathematics).",
  "Principal wants the focus on discourse and productive struggle.",
  "Escuela con programa bilingüe; muchas familias prefieren comunicación en español.",
};

static const char * const secondary_subjects[] = {
  "ELA", "ELA", "Science", "Science", "Social Studies", "Social Studies",
  "Special Education", "ELD", "Visual Arts", "Physical Education", "Music",
};

static const char * const hs_courses[] = {
  "Algebra 1", "Geometry", "Algebra 2", "Precalculus", "Statistics",
  "Integrated Math 1", "AP Calculus AB",
};

static const char * const person_private_notes[] = {
  "Prefers email over texts; new baby at home, keep meetings short.",
  "Interested in becoming a coach next year.",
  "Asked not to be observed first period (hall duty).",
  "First-year teacher; intern credential, mentor is in another building.",
  "Nervous about walkthroughs; start every debrief with strengths.",
  "Prefiere hablar en español durante el debrief.",
};

/* Topics per grade band: K-2, 3-5, 6-8, 9-12. */
static const Pair topics_k2[] = {
  { "counting on from the larger number", "contar a partir del número mayor" },
  { "making ten to add", "formar diez para sumar" },
  { "tens and ones", "decenas y unidades" },
  { "comparing numbers to 100", "comparar números hasta 100" },
  { "addition and subtraction word problems", "problemas verbales de suma y resta" },
  { "measuring length with units", "medir longitudes con unidades" },
};
static const Pair topics_35[] = {
  { "equivalent fractions", "fracciones equivalentes" },
  { "fractions on the number line", "fracciones en la recta numérica" },
  { "multiplying two-digit numbers", "multiplicar números de dos dígitos" },
  { "area and perimeter", "área y perímetro" },
  { "division with remainders", "división con residuo" },
  { "decimal place value", "valor posicional de los decimales" },
  { "adding fractions with unlike denominators", "sumar fracciones con distinto denominador" },
};
static const Pair topics_68[] = {
  { "ratios and rates", "razones y tasas" },
  { "unit rates", "tasas unitarias" },
  { "percent problems", "problemas de porcentaje" },
  { "integers on the number line", "números enteros en la recta numérica" },
  { "solving two-step equations", "resolver ecuaciones de dos pasos" },
  { "proportional relationships", "relaciones proporcionales" },
  { "slope as a rate of change", "la pendiente como tasa de cambio" },
};
static const Pair topics_912[] = {
  { "linear functions", "funciones lineales" },
  { "systems of linear equations", "sistemas de ecuaciones lineales" },
  { "factoring quadratics", "factorizar expresiones cuadráticas" },
  { "exponential growth and decay", "crecimiento y decaimiento exponencial" },
  { "similar triangles", "triángulos semejantes" },
  { "interpreting scatter plots", "interpretar diagramas de dispersión" },
  { "right triangle trigonometry", "trigonometría del triángulo rectángulo" },
};

static const Pair tools_k2[] = {
  { "a number line", "una recta numérica" },
  { "ten frames", "marcos de diez" },
  { "linking cubes", "cubos conectables" },
  { "a hundreds chart", "una tabla del cien" },
  { "base-ten blocks", "bloques de base diez" },
  { "a rekenrek", "un rekenrek" },
};
static const Pair tools_35[] = {
  { "a number line", "una recta numérica" },
  { "fraction strips", "tiras de fracciones" },
  { "an area model", "un modelo de área" },
  { "a tape diagram", "un diagrama de cinta" },
  { "base-ten blocks", "bloques de base diez" },
  { "grid paper", "papel cuadriculado" },
};
static const Pair tools_68[] = {
  { "a ratio table", "una tabla de razones" },
  { "a double number line", "una recta numérica doble" },
  { "a tape diagram", "un diagrama de cinta" },
  { "a graph", "una gráfica" },
  { "algebra tiles", "fichas de álgebra" },
  { "a table of values", "una tabla de valores" },
};
static const Pair tools_912[] = {
  { "a graph", "una gráfica" },
  { "a table of values", "una tabla de valores" },
  { "algebra tiles", "fichas de álgebra" },
  { "Desmos", "Desmos" },
  { "an area model", "un modelo de área" },
  { "a labelled diagram", "un diagrama rotulado" },
};

static const Pair strategies_k2[] = {
  { "counting on", "contar hacia adelante" },
  { "a make-ten strategy", "la estrategia de formar diez" },
  { "counting all", "contar todo" },
  { "doubles facts", "dobles" },
  { "a drawing", "un dibujo" },
};
static const Pair strategies_35[] = {
  { "a common denominator", "un denominador común" },
  { "partial products", "productos parciales" },
  { "benchmark fractions", "fracciones de referencia" },
  { "repeated subtraction", "resta repetida" },
  { "the standard algorithm", "el algoritmo convencional" },
};
static const Pair strategies_68[] = {
  { "a ratio table", "una tabla de razones" },
  { "doubling and halving", "duplicar y dividir a la mitad" },
  { "working backwards", "trabajar hacia atrás" },
  { "a unit rate", "una tasa unitaria" },
  { "guess and check", "tanteo" },
};
static const Pair strategies_912[] = {
  { "a table of values", "una tabla de valores" },
  { "graphing both lines", "graficar las dos rectas" },
  { "substitution", "sustitución" },
  { "an area model for factoring", "un modelo de área para factorizar" },
  { "guess and check", "tanteo" },
};

static const Pair misconceptions_k2[] = {
  { "counts the starting number twice when counting on", "cuenta dos veces el número inicial al contar hacia adelante" },
  { "writes 41 for fourteen", "escribe 41 en lugar de catorce" },
  { "reads the equal sign as 'the answer is'", "lee el signo igual como «la respuesta es»" },
  { "counts tick marks instead of spaces", "cuenta las marcas en lugar de los espacios" },
  { "forgets to regroup", "olvida reagrupar" },
};
static const Pair misconceptions_35[] = {
  { "adds numerators and denominators", "suma numeradores y denominadores" },
  { "thinks a bigger denominator means a bigger fraction", "cree que un denominador mayor da una fracción mayor" },
  { "lines up decimals by the last digit", "alinea los decimales por el último dígito" },
  { "thinks multiplying always makes bigger", "cree que multiplicar siempre agranda" },
  { "mixes up area and perimeter", "confunde área y perímetro" },
};
static const Pair misconceptions_68[] = {
  { "adds instead of scaling in a ratio table", "suma en lugar de multiplicar en la tabla de razones" },
  { "thinks a negative times a negative is negative", "cree que negativo por negativo da negativo" },
  { "distributes only to the first term", "distribuye solo al primer término" },
  { "does a step to one side of the equation only", "hace un paso solo en un lado de la ecuación" },
  { "confuses the unit rate with its reciprocal", "confunde la tasa unitaria con su recíproco" },
};
static const Pair misconceptions_912[] = {
  { "confuses slope with the y-intercept", "confunde la pendiente con la ordenada al origen" },
  { "writes (x + 3)^2 as x^2 + 9", "escribe (x + 3)^2 como x^2 + 9" },
  { "treats exponential growth as linear", "trata el crecimiento exponencial como lineal" },
  { "matches the wrong sides of similar triangles", "relaciona los lados equivocados de triángulos semejantes" },
  { "mixes up sine and cosine", "confunde seno y coseno" },
};

typedef struct
{
  const Pair *topics;
  guint       n_topics;
  const Pair *tools;
  guint       n_tools;
  const Pair *strategies;
  guint       n_strategies;
  const Pair *misconceptions;
  guint       n_misconceptions;
} Band;

#define BAND(t, to, st, mi) \
  { t, G_N_ELEMENTS (t), to, G_N_ELEMENTS (to), st, G_N_ELEMENTS (st), mi, G_N_ELEMENTS (mi) }

/* K-2, 3-5, 6-8, 9-12 */
static const Band bands[] = {
  BAND (topics_k2, tools_k2, strategies_k2, misconceptions_k2),
  BAND (topics_35, tools_35, strategies_35, misconceptions_35),
  BAND (topics_68, tools_68, strategies_68, misconceptions_68),
  BAND (topics_912, tools_912, strategies_912, misconceptions_912),
};

static const Pair general_strategies[] = {
  { "guess and check", "tanteo" },
  { "a drawing", "un dibujo" },
  { "working backwards", "trabajar hacia atrás" },
  { "a table", "una tabla" },
};

static const Pair assessing_q[] = {
  { "How do you know?", "¿Cómo lo sabes?" },
  { "What do you notice?", "¿Qué notas?" },
  { "What is the question asking?", "¿Qué pregunta el problema?" },
  { "Where do you see the 3 in your drawing?", "¿Dónde ves el 3 en tu dibujo?" },
  { "Can you tell me what you did so far?", "¿Me cuentas lo que hiciste hasta ahora?" },
  { "Why did you start with that?", "¿Por qué empezaste así?" },
  { "Does that make sense? Why?", "¿Tiene sentido? ¿Por qué?" },
};

static const Pair advancing_q[] = {
  { "Can you show that another way?", "¿Puedes mostrarlo de otra manera?" },
  { "Why does that work?", "¿Por qué funciona?" },
  { "What stays the same and what changes?", "¿Qué cambia y qué se queda igual?" },
  { "How is your strategy like your partner's?", "¿En qué se parece tu estrategia a la de tu pareja?" },
  { "What would happen if the numbers were bigger?", "¿Qué pasaría si los números fueran más grandes?" },
  { "Can you convince your partner?", "¿Puedes convencer a tu pareja?" },
  { "Would that work for every number?", "¿Funcionaría con cualquier número?" },
};

static const Pair funneling[] = {
  { "So what do you do first?", "¿Entonces qué haces primero?" },
  { "Is it 12 or 13?", "¿Es 12 o 13?" },
  { "You need to multiply, right?", "Tienes que multiplicar, ¿verdad?" },
  { "What's 6 times 4?", "¿Cuánto es 6 por 4?" },
  { "So the answer is 12, yes?", "Entonces la respuesta es 12, ¿sí?" },
  { "Just count them, what do you get?", "Solo cuéntalos, ¿cuánto te da?" },
};

static const Pair student_quotes[] = {
  { "I counted the spaces, not the lines", "Conté los espacios, no las líneas" },
  { "It's bigger because 8 is bigger than 4", "Es más grande porque 8 es más grande que 4" },
  { "You have to do the same thing to both sides", "Hay que hacer lo mismo en los dos lados" },
  { "Mine is the same as hers but I drew it", "El mío es igual al de ella pero yo lo dibujé" },
  { "Wait, that can't be right", "Espera, eso no puede ser" },
  { "Can we use the blocks?", "¿Podemos usar los bloques?" },
  { "I disagree because the parts aren't equal", "No estoy de acuerdo porque las partes no son iguales" },
};

static const Pair goal_verbs[] = {
  { "explain", "explicar" },
  { "represent", "representar" },
  { "reason about", "razonar sobre" },
  { "compare strategies for", "comparar estrategias para" },
  { "make sense of", "dar sentido a" },
};

static const Pair tasks[] = {
  { "Partners solve a real-world problem about {topic} and show their thinking two ways.",
    "En parejas resuelven un problema de la vida real sobre {topic} y muestran su razonamiento de dos maneras." },
  { "Card sort: match representations of {topic}; justify each match.",
    "Clasificación de tarjetas: relacionar representaciones de {topic} y justificar." },
  { "Info gap on {topic}: one partner has the problem card, the other the data card.",
    "Vacío de información sobre {topic}: una pareja tiene la tarjeta del problema y la otra los datos." },
  { "Three reads of a word problem on {topic}, then solve with {tool}.",
    "Tres lecturas de un problema sobre {topic}; luego resolver con {tool}." },
  { "Open middle problem on {topic}: fill the boxes to get the greatest value.",
    "Problema abierto sobre {topic}: completar las casillas para obtener el mayor valor." },
};

static const Line launch_en[] = {
  { "T posts learning goal: {goal}", "goal" },
  { "Warm-up: notice and wonder about a picture of {tool}; {n} noticings shared", "notice" },
  { "T reads the task aloud; students restate it in their own words", "three reads" },
  { "Students turn and talk about {topic}; T asks {q}", "discourse" },
  { "Choral counting by {n}s; T records on chart, asks what patterns they see", "choral" },
  { "Number talk: {n} strategies shared, T records them with {tool}", "number talk" },
  { "T connects to yesterday's lesson on {topic}", "" },
  { "Which one doesn't belong? Students defend their choice to a partner", "belong" },
  { "Launch runs long (T explains the method before students try)", "productive struggle" },
};
static const Line launch_es[] = {
  { "La maestra presenta la meta: {goal}", "goal" },
  { "Calentamiento: ¿qué notan? ¿qué se preguntan? sobre {tool}", "notice" },
  { "Los estudiantes hablan en parejas sobre {topic}; la maestra pregunta {q}", "discourse" },
  { "Charla numérica: se comparten {n} estrategias", "number talk" },
};

static const Line explore_en[] = {
  { "Students work in groups of {n}; most start with {tool}", "tools" },
  { "{s} draws {tool}, stuck on {topic} - productive struggle, T holds back and asks {q}", "productive struggle" },
  { "T circulates, asks {q}", "question" },
  { "T funnels at table {n}: {fq}", "question" },
  { "{s}: \"{sq}\"", "evidence of student" },
  { "{m} of {n2} groups using {tool}", "representation" },
  { "T gives a hint too early at table {n}; students stop thinking (missed chance for productive struggle)", "productive struggle" },
  { "Productive struggle at table {n}: students try {strat}, then revise", "productive struggle" },
  { "T monitors with a clipboard, notes which groups use {strat}", "monitor" },
  { "{s} explains {strat} to partner; partner asks why it works", "argument" },
  { "Misconception: {s} {mis}", "evidence of student" },
  { "T lets {s} keep working instead of telling - good productive struggle", "productive struggle" },
  { "Wait time about {n} s after {q}", "question" },
  { "Students use sentence frames: 'I agree with ___ because ___'", "argument" },
  { "Two students off task near the door; T redirects with proximity", "" },
  { "Students persevere on {topic} for about {n} minutes without asking T", "persevere" },
  { "T asks {s} to show {topic} with {tool}", "representation" },
};
static const Line explore_es[] = {
  { "{s} usa {tool} para resolver el problema; lucha productiva, la maestra no interviene", "productive struggle" },
  { "La maestra circula y pregunta {q}", "question" },
  { "Lucha productiva en la mesa {n}: prueban {strat} y luego revisan", "productive struggle" },
  { "{s}: «{sq}»", "evidence of student" },
  { "Error común: {s} {mis}", "evidence of student" },
  { "{m} de {n2} grupos usan {tool}", "representation" },
  { "La maestra guía demasiado en la mesa {n}: {fq}", "question" },
  { "Los estudiantes explican su práctica con {topic}", "discourse" },
};

static const Line discuss_en[] = {
  { "T selects {s} to share {strat} first, then {s2} with {tool}", "sequenc" },
  { "T asks the class {q}", "question" },
  { "Students compare strategies: how does {tool} show the same idea as the equation?", "connect" },
  { "{s} critiques reasoning: \"{sq}\"", "argument" },
  { "T revoices {s}'s idea and asks the class to add on", "discourse" },
  { "Only {n} students talk in the whole-group share; most listen quietly", "discourse" },
  { "T connects {tool} to the symbolic representation", "representation" },
  { "Funneling sequence: {fq} - students answer in chorus", "question" },
  { "T names the productive struggle groups had and how they got unstuck", "productive struggle" },
};
static const Line discuss_es[] = {
  { "Puesta en común: {s} comparte {strat}, luego {s2}", "sequenc" },
  { "Conversación en grupo: los estudiantes justifican su razonamiento", "argument" },
  { "La maestra conecta {tool} con la ecuación", "representation" },
};

static const Line synth_en[] = {
  { "T summarizes: {goal}", "goal" },
  { "Exit ticket on {topic}; about {pct}% of students finish", "evidence of student" },
  { "Students write one thing they learned about {topic} in journals", "" },
  { "Lesson ends before synthesis - no closure on {topic}", "goal" },
  { "T asks students to rate their productive struggle today (fist to five)", "productive struggle" },
};
static const Line synth_es[] = {
  { "Boleto de salida sobre {topic}; termina cerca del {pct}% de los estudiantes", "evidence of student" },
  { "Síntesis: los estudiantes explican qué aprendieron sobre {topic}", "goal" },
};

static const Pair phase_text[] = {
  { "Launch - warm-up and task introduction", "Inicio: calentamiento y presentación de la tarea" },
  { "Explore - partners work on the task", "Exploración: trabajo en parejas" },
  { "Discuss - whole-class share", "Discusión: puesta en común" },
  { "Synthesize - summary and exit ticket", "Síntesis: resumen y boleto de salida" },
};
static const char * const phase_names[] = { "launch", "explore", "discuss", "synthesize" };

static const Pair strengths[] = {
  { "Clear learning goal posted and revisited in the synthesis.",
    "Meta de aprendizaje clara, revisada en la síntesis." },
  { "Students had real productive struggle during explore; T did not rescue them.",
    "Hubo lucha productiva real durante la exploración; la maestra no los rescató." },
  { "T asked {q} several times and waited.",
    "La maestra preguntó {q} varias veces y esperó." },
  { "Strong use of {tool} to connect representations.",
    "Buen uso de {tool} para conectar representaciones." },
  { "Students talked to each other, not only to T.",
    "Los estudiantes hablan entre ellos, no solo con la maestra." },
  { "Discourse norms visible: sentence frames and partner roles.",
    "Normas de conversación visibles: marcos de oración y roles." },
  { "Launch under 10 minutes, so most of the period went to the task.",
    "Inicio de menos de 10 minutos; la mayor parte de la clase fue para la tarea." },
  { "T selected and sequenced student work from {strat} toward the standard algorithm.",
    "La maestra seleccionó y ordenó el trabajo de los estudiantes." },
  { "Productive struggle was normalized: 'mistakes help our brains grow' anchor chart used.",
    "Se normalizó la lucha productiva con el cartel «los errores nos ayudan a aprender»." },
};

static const Pair wonderings[] = {
  { "I wonder what would happen with a shorter launch and more time to explore.",
    "Me pregunto qué pasaría con un inicio más corto y más tiempo para explorar." },
  { "How might we keep productive struggle going when students ask for help right away?",
    "¿Cómo mantener la lucha productiva cuando piden ayuda de inmediato?" },
  { "What if students chose their own representation?",
    "¿Qué pasaría si los estudiantes eligieran su propia representación?" },
  { "How could more students share in the whole-group discussion?",
    "¿Cómo podrían participar más estudiantes en la discusión?" },
  { "I wonder whether the funneling questions at table {n} took the thinking away.",
    "Me pregunto si las preguntas de embudo en la mesa {n} les quitaron el razonamiento." },
  { "How can we make sure the synthesis happens before the bell?",
    "¿Cómo asegurar que la síntesis ocurra antes del timbre?" },
  { "What did the student who {mis} need to see?",
    "¿Qué necesitaba ver el estudiante que {mis}?" },
};

static const Pair next_steps[] = {
  { "Plan assessing and advancing questions for the next lesson.",
    "Planificar preguntas para evaluar y avanzar el razonamiento." },
  { "Try 5 seconds of wait time after focusing questions.",
    "Probar 5 segundos de tiempo de espera después de preguntas de enfoque." },
  { "Use a monitoring chart to select and sequence student work.",
    "Usar una tabla de monitoreo para seleccionar y ordenar el trabajo." },
  { "Shorten the launch to 8 minutes; protect time for productive struggle.",
    "Acortar el inicio a 8 minutos para proteger la lucha productiva." },
  { "Post sentence frames for critiquing reasoning.",
    "Publicar marcos de oración para criticar el razonamiento." },
  { "Co-teach the discuss phase on the next visit.",
    "Co-enseñar la discusión en la próxima visita." },
  { "Coach models a number talk in period {p}.",
    "La coach modela una charla numérica en el período {p}." },
};

static const char * const obs_private_notes[] = {
  "T seemed anxious about the principal's walkthrough next week.",
  "Mentioned stress at home - check in gently before the debrief.",
  "T asked that tally numbers not go to admin yet.",
  "T is considering leaving at the end of the year.",
  "Pressure around test scores came up again.",
  "Nota: la maestra prefiere recibir comentarios por escrito.",
  "Sub covering 2nd period; students unsettled, do not count this lesson as typical.",
};

static const Pair action_texts[] = {
  { "Try 3-5 seconds of wait time after posing focusing questions on {topic}.",
    "Probar 3 a 5 segundos de espera después de preguntas de enfoque." },
  { "Plan assessing and advancing questions for the next lesson on {topic}.",
    "Planificar preguntas para la próxima lección sobre {topic}." },
  { "Use {tool} in the launch and keep it posted.",
    "Usar {tool} en el inicio y dejarlo visible." },
  { "Collect exit tickets and sort them by strategy for the next PLC.",
    "Recoger boletos de salida y clasificarlos por estrategia para la PLC." },
  { "Coach to model a number talk in period {p}.",
    "La coach modela una charla numérica en el período {p}." },
  { "Let one group stay in productive struggle for 5 more minutes before helping.",
    "Dejar a un grupo en lucha productiva 5 minutos más antes de ayudar." },
  { "Anticipate misconceptions: a student who {mis}.",
    "Anticipar errores: un estudiante que {mis}." },
  { "Send the co-planned task to the grade-level team.",
    "Enviar la tarea planificada al equipo de grado." },
};

static const char * const coplan_private_notes[] = {
  "T was not sure about the curriculum pacing; reassured her.",
  "Grade-level partner did not come; T felt alone with this unit.",
  "T is frustrated with the new curriculum - listen first next time.",
  "Nota privada: el maestro pidió más apoyo con la gestión del aula.",
};

static const Pair coplan_notes[] = {
  { "Agreed to watch for productive struggle during explore and for who talks in the discuss phase.",
    "Acordamos observar la lucha productiva en la exploración y quién habla en la discusión." },
  { "T will use the curriculum task but cut the launch; coach will script questions.",
    "La maestra usará la tarea del currículo pero acortará el inicio." },
  { "We chose two look-fors; T wants feedback on questioning only.",
    "Elegimos dos indicadores; la maestra quiere comentarios solo sobre sus preguntas." },
};

static const Pair log_notes[] = {
  { "Debrief: T noticed that students gave up quickly at first, then stayed in productive struggle once the sentence frames went up.",
    "Debrief: la maestra notó que al principio se rendían, pero luego hubo lucha productiva con los marcos de oración." },
  { "Looked at the tally together: teacher talk still high in the launch; T set a goal for next time.",
    "Revisamos el conteo: la maestra habla mucho en el inicio; se puso una meta." },
  { "Glows: questioning and wait time. Grows: closing the lesson with a synthesis.",
    "Logros: preguntas y tiempo de espera. Por mejorar: cerrar con una síntesis." },
  { "T reflected on funneling vs focusing questions using the evidence lines.",
    "La maestra reflexionó sobre preguntas de embudo y de enfoque con la evidencia." },
};

static const Pair next_plans[] = {
  { "Next visit: co-teach the discuss phase; look for productive struggle.",
    "Próxima visita: co-enseñar la discusión; observar la lucha productiva." },
  { "Next visit: observe the same class, focus on who gets called on.",
    "Próxima visita: observar la misma clase y ver a quién se llama." },
  { "Next visit: co-plan Unit {u} with the grade-level team.",
    "Próxima visita: planificar la Unidad {u} con el equipo de grado." },
};

static const char * const log_private_notes[] = {
  "T cried at the end of the debrief - overwhelmed, not about the lesson.",
  "Principal asked for names of struggling teachers; I shared counts only.",
  "T wants to switch to a different coach; talk with my supervisor.",
  "Nota: no compartir con la dirección hasta hablar con la maestra.",
};

static const char * const pd_private_notes[] = {
  "Two teachers left at lunch without signing out; follow up with the principal.",
  "Room was too hot; ask for the library next time.",
  "Tension between the 7th grade team members during the planning block.",
};

typedef enum
{
  PD_LAUNCH_ALL,
  PD_LAUNCH_MATH,
  PD_DAY_AM,
  PD_DAY_PM,
} PdType;

typedef struct
{
  const char *title;
  guint       minutes;
  gboolean    all_teachers;
} AgendaBlock;

static const AgendaBlock agenda_launch_all[] = {
  { "Welcome and community agreements", 30, TRUE },
  { "Opening task: notice and wonder", 45, TRUE },
  { "Academic discussions: why student talk matters", 60, TRUE },
  { "Break", 15, TRUE },
  { "Embedding discourse supports in your lessons", 75, TRUE },
  { "Lunch", 60, TRUE },
  { "Planning time by department", 90, TRUE },
  { "Reflection and exit ticket", 45, TRUE },
};
static const AgendaBlock agenda_launch_math[] = {
  { "Welcome and goals for the year", 20, FALSE },
  { "Math task: solve, then discuss in grade bands", 60, FALSE },
  { "NCTM Effective Mathematics Teaching Practices: overview", 60, FALSE },
  { "Break", 15, FALSE },
  { "Pose purposeful questions: funneling vs focusing", 60, FALSE },
  { "Lunch", 45, FALSE },
  { "Grade-band mathematics activity", 90, FALSE },
  { "Planning the first unit", 60, FALSE },
  { "Exit ticket", 10, FALSE },
};
static const AgendaBlock agenda_day_am[] = {
  { "Welcome and connector", 15, TRUE },
  { "Student engagement strategies across subjects", 75, TRUE },
  { "Break", 10, TRUE },
  { "Try it in your content area", 80, TRUE },
  { "Exit ticket and reflection", 30, TRUE },
};
static const AgendaBlock agenda_day_pm[] = {
  { "Math task and debrief", 45, FALSE },
  { "Deep dive: {focus}", 60, FALSE },
  { "Plan a lesson with a partner", 35, FALSE },
  { "Reflection and exit ticket", 10, FALSE },
};

static const char * const pd_focus[] = {
  "Posing purposeful questions",
  "Supporting productive struggle in learning mathematics",
  "Orchestrating productive discussions: the 5 Practices",
  "Facilitating meaningful mathematical discourse",
  "Using and connecting mathematical representations",
  "Building procedural fluency from conceptual understanding",
};

static const char * const materials[] = {
  "Slides; chart paper; markers",
  "NCTM Principles to Actions excerpt; sticky notes",
  "Curriculum unit 3 teacher guide; student task cards",
  "Video clip of a number talk; observation protocol",
  "Handout: funneling vs focusing questions",
  "Laptops; shared planning template",
  "Manipulatives kit (base-ten blocks, fraction strips, algebra tiles)",
};

static const Pair exit_ticket_lines[] = {
  { "Most want more practice writing focusing questions.",
    "La mayoría quiere practicar más las preguntas de enfoque." },
  { "Several asked how to support productive struggle without frustration.",
    "Varios preguntaron cómo apoyar la lucha productiva sin frustración." },
  { "Request: model lessons in grades 3-5.",
    "Piden clases modelo en 3.º a 5.º grado." },
  { "Teachers liked the task analysis; want time to plan with their team.",
    "Les gustó el análisis de tareas; quieren tiempo para planificar en equipo." },
  { "Two teachers asked for co-teaching in November.",
    "Dos maestros pidieron co-enseñanza en noviembre." },
  { "Muchos maestros piden ejemplos en español para estudiantes EL.",
    "Muchos maestros piden ejemplos en español para estudiantes EL." },
};

static const char * const reflections[] = {
  "Afternoon math session ran long; cut the gallery walk next time.",
  "Teachers engaged most during the task analysis and the video.",
  "Need more time for grade-level planning; less lecture.",
  "Morning strategies landed well with science and history teachers.",
  "Productive struggle discussion was rich; revisit it in February.",
};

static const char * const locations[] = {
  "Library", "Multipurpose room", "Room 12", "Cafeteria", "Science lab",
};

static const Pair summaries[] = {
  { "Coaching cycle: co-plan, observe, debrief - {topic}",
    "Ciclo de coaching: planificar, observar y conversar - {topic}" },
  { "Observation and debrief on {topic}",
    "Observación y debrief sobre {topic}" },
};

static const Pair segment_notes[] = {
  /* indexed like the "activity" choices */
  { "Anticipated strategies and misconceptions for {topic}", "Anticipamos estrategias y errores para {topic}" },
  { "Focus: questioning and productive struggle", "Enfoque: preguntas y lucha productiva" },
  { "Glows and grows; agreed on next steps", "Logros y retos; acordamos próximos pasos" },
  { "Modeled a number talk", "Modelé una charla numérica" },
  { "Co-taught the discuss phase", "Co-enseñamos la discusión" },
  { "Looked at exit tickets by strategy", "Revisamos boletos de salida por estrategia" },
  { "Rounds with principal: 4 classrooms, counts only", "Recorrido con la directora: 4 salones" },
  { "Sorted MOY assessment items by standard", "Clasificamos los ítems de la evaluación MOY" },
  { "Planned the next PD day", "Planificamos el próximo día de PD" },
};
static const char * const activities[] = {
  "coplanning", "observation", "debrief", "modeling", "coteaching", "plc",
  "rounds", "data_cycle", "planning",
};
enum { ACT_COPLAN, ACT_OBSERVE, ACT_DEBRIEF, ACT_MODEL, ACT_COTEACH, ACT_PLC, ACT_ROUNDS, ACT_DATA, ACT_PLANNING };

typedef struct
{
  const char *name;
  const char *label;
} Counter;

static const Counter custom_counters[] = {
  { "wait_time", "Wait time of 3+ seconds" },
  { "called_on", "Different students called on" },
  { "revoicing", "Teacher revoices a student idea" },
  { "student_question", "Student-to-student questions" },
};

static const struct
{
  const char *code;
  const char *name;
} team_look_fors[] = {
  { "T1", "Students use sentence frames to critique reasoning" },
  { "T2", "Anchor chart of strategies is visible and used" },
  { "T3", "Every student writes before talking" },
  { "T4", "Exit ticket matches the learning goal" },
};

/* ------------------------------------------------------------ the model */

typedef struct
{
  char        uuid[37];
  char       *name;
  const char *role;
  int         grade;     /* -1: several */
  gboolean    math;
  char        cycle[37]; /* this year's coaching cycle, "" when none */
  guint       cycle_from, cycle_to;  /* the coaching visits it spans */
} Person;

typedef struct
{
  char              uuid[37];
  char             *name;
  const SchoolType *type;
  GPtrArray        *staff;    /* Person, owned */
  GPtrArray        *cohort;   /* Person: the math teachers coached */
  Person           *principal;
  Person           *leader;
  Person           *coach;
} School;

typedef struct
{
  char  *uuid;
  char  *folded;    /* casefolded name */
} LookFor;

typedef struct
{
  CbStore   *store;
  GRand     *rand;    /* content */
  GRand     *ids;     /* UUIDs */
  GRand     *walks;   /* walkthrough scores: their own stream too */
  GRand     *cycles;  /* coaching cycles: their own stream, so the other
                       * records of a seed stay what they were */
  guint      target;
  guint      count;
  guint      batch;
  gboolean   in_txn;
  GError    *error;
  GPtrArray *look_fors;   /* LookFor */
  GPtrArray *schools;     /* School */
  Person    *coaches[2];  /* the two visiting coaches */
  Person    *district;
  char        reference[11]; /* "today" when choosing statuses */
  GDate       until;         /* valid: nothing is dated after it */
} Gen;

typedef struct
{
  School *school;
  int     year;
  char    engagement[37];
  GDate   coaching[8];
  guint   n_coaching;
} Year;

/* What the vocabulary slots of one text are filled from. */
typedef struct
{
  gboolean    es;
  const Band *band;
  const Pair *topic;
  const char *goal;
  int         n, m, n2;
} Ctx;

typedef struct
{
  const char *names[MAX_FIELDS];
  char       *values[MAX_FIELDS];
  guint       n;
} Rec;

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p);
}

static void
school_free (gpointer data)
{
  School *s = data;

  g_free (s->name);
  g_ptr_array_unref (s->staff);
  g_ptr_array_unref (s->cohort);
  g_free (s);
}

static void
look_for_free (gpointer data)
{
  LookFor *l = data;

  g_free (l->uuid);
  g_free (l->folded);
  g_free (l);
}

/* -------------------------------------------------------------- helpers */

static int
rnd (Gen *g,
     int  lo,
     int  hi)
{
  /* inclusive */
  return g_rand_int_range (g->rand, lo, hi + 1);
}

static gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

#define PICK(g, arr) ((arr)[g_rand_int_range ((g)->rand, 0, G_N_ELEMENTS (arr))])

static const char *
pick_pair (Gen        *g,
           const Pair *pairs,
           guint       n,
           gboolean    es)
{
  const Pair *p = &pairs[g_rand_int_range (g->rand, 0, n)];

  return es ? p->es : p->en;
}

#define PICK_PAIR(g, arr, es) pick_pair ((g), (arr), G_N_ELEMENTS (arr), (es))

static void
make_uuid (GRand *rand,
           char   out[37])
{
  guint8 b[16];

  for (guint i = 0; i < 4; i++)
    {
      guint32 v = g_rand_int (rand);
      b[i * 4] = v >> 24;
      b[i * 4 + 1] = v >> 16;
      b[i * 4 + 2] = v >> 8;
      b[i * 4 + 3] = v;
    }
  b[6] = (b[6] & 0x0f) | 0x40;   /* version 4 */
  b[8] = (b[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  g_snprintf (out, 37,
              "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
              b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
new_uuid (Gen  *g,
          char  out[37])
{
  make_uuid (g->ids, out);
}

static const char *
pick_privacy (Gen *g)
{
  double r = g_rand_double (g->rand);

  if (r < 0.10)
    return "private";
  if (r < 0.30)
    return "teacher";
  return "team";
}

static void
date_string (const Gen   *g,
             const GDate *d,
             char         out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u",
              (guint) g_date_get_year (d), (guint) g_date_get_month (d),
              (guint) g_date_get_day (d));
}

static void
to_weekday (GDate *d)
{
  while (g_date_get_weekday (d) == G_DATE_SATURDAY ||
         g_date_get_weekday (d) == G_DATE_SUNDAY)
    g_date_add_days (d, 1);
}

static char *
format_time (int minutes)
{
  minutes = CLAMP (minutes, 0, 23 * 60 + 59);
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* NUMBER values never go through printf's locale-dependent "%f". */
static char *
format_hours (guint minutes)
{
  guint tenths = (minutes * 10 + 30) / 60;

  return g_strdup_printf ("%u.%u", tenths / 10, tenths % 10);
}

static char *
capitalize (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_toupper (c), buf);

  buf[len] = '\0';
  return g_strconcat (buf, g_utf8_next_char (text), NULL);
}

static void
pick_topic (Gen *g,
            Ctx *ctx,
            int  grade)
{
  ctx->band = &bands[grade <= 2 ? 0 : grade <= 5 ? 1 : grade <= 8 ? 2 : 3];
  ctx->topic = &ctx->band->topics[g_rand_int_range (g->rand, 0, ctx->band->n_topics)];
}

static void
append_student (Gen     *g,
                GString *out)
{
  if (chance (g, 0.5))
    g_string_append_printf (out, "S%d", rnd (g, 1, 32));
  else
    g_string_append_printf (out, "%c.%c.", 'A' + rnd (g, 0, 25), 'A' + rnd (g, 0, 25));
}

/* Fills the {slots} of a vocabulary line. Templates are data, so they
 * never go through printf. */
static char *
fill (Gen        *g,
      const char *template,
      const Ctx  *ctx)
{
  GString *out = g_string_sized_new (strlen (template) + 64);
  const char *p = template;

  while (*p)
    {
      const char *end;
      char key[16];
      gsize len;

      if (*p != '{' || (end = strchr (p, '}')) == NULL || (gsize) (end - p - 1) >= sizeof key)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      len = end - p - 1;
      memcpy (key, p + 1, len);
      key[len] = '\0';
      p = end + 1;

      if (strcmp (key, "topic") == 0)
        g_string_append (out, ctx->es ? ctx->topic->es : ctx->topic->en);
      else if (strcmp (key, "tool") == 0)
        g_string_append (out, pick_pair (g, ctx->band->tools, ctx->band->n_tools, ctx->es));
      else if (strcmp (key, "q") == 0 || strcmp (key, "fq") == 0)
        {
          const char *q;

          if (key[0] == 'f')
            q = PICK_PAIR (g, funneling, ctx->es);
          else if (chance (g, 0.5))
            q = PICK_PAIR (g, assessing_q, ctx->es);
          else
            q = PICK_PAIR (g, advancing_q, ctx->es);
          g_string_append_printf (out, ctx->es ? "«%s»" : "'%s'", q);
        }
      else if (strcmp (key, "s") == 0 || strcmp (key, "s2") == 0)
        append_student (g, out);
      else if (strcmp (key, "n") == 0)
        g_string_append_printf (out, "%d", ctx->n);
      else if (strcmp (key, "m") == 0)
        g_string_append_printf (out, "%d", ctx->m);
      else if (strcmp (key, "n2") == 0)
        g_string_append_printf (out, "%d", ctx->n2);
      else if (strcmp (key, "p") == 0)
        g_string_append_printf (out, "%d", rnd (g, 1, 6));
      else if (strcmp (key, "u") == 0)
        g_string_append_printf (out, "%d", rnd (g, 2, 8));
      else if (strcmp (key, "strat") == 0)
        g_string_append (out, chance (g, 0.7)
                              ? pick_pair (g, ctx->band->strategies, ctx->band->n_strategies, ctx->es)
                              : PICK_PAIR (g, general_strategies, ctx->es));
      else if (strcmp (key, "mis") == 0)
        g_string_append (out, pick_pair (g, ctx->band->misconceptions, ctx->band->n_misconceptions, ctx->es));
      else if (strcmp (key, "sq") == 0)
        g_string_append (out, PICK_PAIR (g, student_quotes, ctx->es));
      else if (strcmp (key, "pct") == 0)
        g_string_append_printf (out, "%d", 5 * rnd (g, 8, 19));
      else if (strcmp (key, "goal") == 0)
        g_string_append (out, ctx->goal ? ctx->goal : "");
      else
        g_string_append_printf (out, "{%s}", key);
    }
  return g_string_free (out, FALSE);
}

static guint
gcd (guint a,
     guint b)
{
  while (b != 0)
    {
      guint t = a % b;
      a = b;
      b = t;
    }
  return a;
}

static void
ctx_roll (Gen *g,
          Ctx *ctx)
{
  ctx->n = rnd (g, 2, 6);
  ctx->n2 = rnd (g, 5, 9);
  ctx->m = rnd (g, 1, ctx->n2 - 1);
}

static char *
fill_pair (Gen        *g,
           const Pair *pairs,
           guint       n_pairs,
           Ctx        *ctx)
{
  ctx_roll (g, ctx);
  return fill (g, pick_pair (g, pairs, n_pairs, ctx->es), ctx);
}

#define FILL_PAIR(g, arr, ctx) fill_pair ((g), (arr), G_N_ELEMENTS (arr), (ctx))

/* Several distinct lines of a vocabulary, joined by '\n'. */
static char *
fill_lines (Gen        *g,
            const Pair *pairs,
            guint       n_pairs,
            guint       n_lines,
            Ctx        *ctx)
{
  GString *out = g_string_new (NULL);
  guint first = g_rand_int_range (g->rand, 0, n_pairs);
  guint step = n_pairs > 2 ? (guint) rnd (g, 1, n_pairs - 1) : 1;

  /* a step coprime with n_pairs visits distinct lines */
  while (step > 1 && gcd (step, n_pairs) != 1)
    step--;

  n_lines = MIN (n_lines, n_pairs);
  for (guint i = 0; i < n_lines; i++)
    {
      const Pair *p = &pairs[(first + i * step) % n_pairs];
      g_autofree char *line = NULL;

      ctx_roll (g, ctx);
      line = fill (g, ctx->es ? p->es : p->en, ctx);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

#define FILL_LINES(g, arr, n, ctx) fill_lines ((g), (arr), G_N_ELEMENTS (arr), (n), (ctx))

/* --------------------------------------------------------------- records */

static void
rec_take (Rec        *r,
          const char *name,
          char       *value)
{
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }
  g_assert (r->n < MAX_FIELDS);
  r->names[r->n] = name;
  r->values[r->n] = value;
  r->n++;
}

static void
rec_add (Rec        *r,
         const char *name,
         const char *value)
{
  rec_take (r, name, g_strdup (value));
}

static void rec_addf (Rec        *r,
                      const char *name,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

static void
rec_addf (Rec        *r,
          const char *name,
          const char *format,
          ...)
{
  va_list args;
  char *value;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  rec_take (r, name, value);
}

static void
rec_clear (Rec *r)
{
  for (guint i = 0; i < r->n; i++)
    g_free (r->values[i]);
  r->n = 0;
}

static gboolean
budget_left (Gen *g)
{
  return g->error == NULL && g->count < g->target;
}

/* Creates the record and empties @r. After the first error nothing more
 * is written; the caller checks g->error once at the end. */
static void
emit (Gen        *g,
      const char *kind,
      const char *uuid,
      Rec        *r)
{
  g_autofree char *made = NULL;

  if (g->error != NULL)
    {
      rec_clear (r);
      return;
    }

  made = cb_store_create_with_uuid (g->store, uuid, kind, r->names,
                                    (const char * const *) r->values, r->n,
                                    &g->error);
  rec_clear (r);
  if (made == NULL)
    return;

  g->count++;
  if (++g->batch >= BATCH_SIZE)
    {
      g->batch = 0;
      /* a failed commit has rolled back already */
      g->in_txn = FALSE;
      if (cb_store_commit (g->store, &g->error))
        g->in_txn = cb_store_begin (g->store, &g->error);
    }
}

static void
refs_append (GString    *refs,
             const char *uuid)
{
  if (refs->len > 0)
    g_string_append_c (refs, ' ');
  g_string_append (refs, uuid);
}

/* ------------------------------------------------------------ look-fors */

static int
compare_look_fors (gconstpointer a,
                   gconstpointer b)
{
  const LookFor *la = *(LookFor * const *) a;
  const LookFor *lb = *(LookFor * const *) b;

  return strcmp (la->uuid, lb->uuid);
}

static void
add_look_for (Gen        *g,
              const char *uuid,
              const char *name)
{
  LookFor *l = g_new0 (LookFor, 1);

  l->uuid = g_strdup (uuid);
  l->folded = g_utf8_casefold (name ? name : "", -1);
  g_ptr_array_add (g->look_fors, l);
}

static gboolean
load_look_fors (Gen     *g,
                GError **error)
{
  CbFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;

  filter.kind = "look_for";
  records = cb_store_list (g->store, &filter, 100000, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *record = g_ptr_array_index (records, i);
      add_look_for (g, cb_record_get_uuid (record), cb_record_get (record, "name"));
    }
  /* the store lists in its own order; ours must not depend on it */
  g_ptr_array_sort (g->look_fors, compare_look_fors);
  return TRUE;
}

/* A coach's own framework, so that coach-made look-fors exist too. */
static void
gen_team_look_fors (Gen *g)
{
  char framework[37];
  Rec r = { 0 };

  new_uuid (g, framework);
  rec_add (&r, "name", "Our team's look-fors");
  rec_add (&r, "short_name", "Team");
  rec_add (&r, "source", "Written by the coaching team");
  rec_add (&r, "description",
           "What our coaching team agreed to watch for this year, next to the published frameworks.");
  rec_add (&r, "position", "100");
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "framework", framework, &r);

  for (guint i = 0; i < G_N_ELEMENTS (team_look_fors); i++)
    {
      char uuid[37];

      new_uuid (g, uuid);
      rec_add (&r, "framework", framework);
      rec_add (&r, "code", team_look_fors[i].code);
      rec_add (&r, "name", team_look_fors[i].name);
      rec_add (&r, "description", "Agreed at the August planning meeting.");
      rec_addf (&r, "position", "%u", i + 1);
      rec_add (&r, "favourite", i < 2 ? "1" : "0");
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "look_for", uuid, &r);
      add_look_for (g, uuid, team_look_fors[i].name);
    }
}

static const char *
look_for_matching (Gen        *g,
                   const char *key)
{
  guint n = 0, chosen;

  if (key == NULL || *key == '\0' || g->look_fors->len == 0)
    return NULL;
  for (guint i = 0; i < g->look_fors->len; i++)
    if (strstr (((LookFor *) g_ptr_array_index (g->look_fors, i))->folded, key) != NULL)
      n++;
  if (n == 0)
    return NULL;
  chosen = g_rand_int_range (g->rand, 0, n);
  for (guint i = 0; i < g->look_fors->len; i++)
    {
      LookFor *l = g_ptr_array_index (g->look_fors, i);
      if (strstr (l->folded, key) != NULL && chosen-- == 0)
        return l->uuid;
    }
  return NULL;
}

static const char *
look_for_random (Gen *g)
{
  if (g->look_fors->len == 0)
    return NULL;
  return ((LookFor *) g_ptr_array_index (g->look_fors,
                                         g_rand_int_range (g->rand, 0, g->look_fors->len)))->uuid;
}

static const char * const focus_keys[] = {
  "productive struggle", "question", "discourse", "representation",
  "evidence of student", "goal", "argument", "persevere", "monitor",
};

/* 2-3 distinct look-fors, mostly the ones coaches pick most often. */
static char *
pick_focus (Gen *g)
{
  GString *refs = g_string_new (NULL);
  guint n = rnd (g, 2, 3);

  for (guint i = 0, tries = 0; i < n && tries < 10; tries++)
    {
      const char *uuid = chance (g, 0.8) ? look_for_matching (g, PICK (g, focus_keys))
                                         : look_for_random (g);
      if (uuid == NULL || strstr (refs->str, uuid) != NULL)
        continue;
      refs_append (refs, uuid);
      i++;
    }
  return g_string_free (refs, FALSE);
}

/* ---------------------------------------------------------- the people */

static Person *
gen_person (Gen        *g,
            School     *school,
            const char *role,
            int         grade,
            const char *grades,
            const char *subjects,
            gboolean    math)
{
  Person *p = g_new0 (Person, 1);
  g_autofree char *ascii = NULL;
  g_autofree char *domain = NULL;
  Rec r = { 0 };

  new_uuid (g, p->uuid);
  p->name = g_strdup_printf ("%s %s", PICK (g, first_names), PICK (g, last_names));
  p->role = role;
  p->grade = grade;
  p->math = math;

  ascii = g_str_to_ascii (p->name, "C");
  for (char *c = ascii; *c; c++)
    *c = *c == ' ' ? '.' : g_ascii_tolower (*c);
  g_strdelimit (ascii, "'", '-');
  if (school != NULL)
    {
      g_autofree char *place = g_str_to_ascii (school->name, "C");
      GString *d = g_string_new (NULL);
      for (const char *c = place; *c && *c != ' '; c++)
        g_string_append_c (d, g_ascii_tolower (*c));
      g_string_append (d, ".example.org");
      domain = g_string_free (d, FALSE);
    }
  else
    domain = g_strdup ("coaching.example.org");

  rec_add (&r, "name", p->name);
  rec_add (&r, "role", role);
  if (school != NULL)
    rec_add (&r, "school", school->uuid);
  rec_add (&r, "grades", grades);
  rec_add (&r, "subjects", subjects);
  rec_addf (&r, "email", "%s@%s", ascii, domain);
  if (chance (g, 0.08))
    rec_add (&r, "private_notes", PICK (g, person_private_notes));
  rec_add (&r, CB_FIELD_PRIVACY, chance (g, 0.05) ? "private" : "team");
  emit (g, "person", p->uuid, &r);

  if (school != NULL)
    g_ptr_array_add (school->staff, p);
  return p;
}

static School *
gen_school (Gen   *g,
            guint  index,
            guint  n_staff)
{
  School *s = g_new0 (School, 1);
  Rec r = { 0 };
  guint n_teachers;

  new_uuid (g, s->uuid);
  s->type = &school_types[index == 0 ? 4 : g_rand_int_range (g->rand, 0, G_N_ELEMENTS (school_types))];
  s->name = g_strdup_printf ("%s %s", places[index % G_N_ELEMENTS (places)], s->type->suffix);
  if (index >= G_N_ELEMENTS (places))
    {
      char *numbered = g_strdup_printf ("%s %u", s->name, index / (guint) G_N_ELEMENTS (places) + 1);
      g_free (s->name);
      s->name = numbered;
    }
  s->staff = g_ptr_array_new_with_free_func (person_free);
  s->cohort = g_ptr_array_new ();

  rec_add (&r, "name", s->name);
  rec_add (&r, "district", PICK (g, districts));
  rec_addf (&r, "address", "%d %s, %s", rnd (g, 100, 4999), PICK (g, streets), PICK (g, cities));
  rec_add (&r, "grades", s->type->grades);
  rec_add (&r, "notes", PICK (g, school_notes));
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "school", s->uuid, &r);

  s->principal = gen_person (g, s, "principal", -1, s->type->grades, "", FALSE);
  s->leader = gen_person (g, s, "site_leader", -1, s->type->grades, "Math, Science", FALSE);
  s->coach = gen_person (g, s, "coach", -1, s->type->grades, "Math", TRUE);

  n_teachers = n_staff > 3 ? n_staff - 3 : 1;
  for (guint i = 0; i < n_teachers; i++)
    {
      int grade = s->type->lo + (int) ((i * (guint) (s->type->hi - s->type->lo + 1)) / n_teachers);
      g_autofree char *grades = grade == 0 ? g_strdup ("K") : g_strdup_printf ("%d", grade);
      Person *p;

      if (grade <= 5)
        {
          if (chance (g, 0.85))
            p = gen_person (g, s, "teacher", grade, grades, "Math, ELA, Science, Social Studies", TRUE);
          else
            p = gen_person (g, s, "teacher", grade, grades, PICK (g, secondary_subjects), FALSE);
        }
      else if (chance (g, 0.3))
        {
          g_autofree char *subjects = NULL;

          subjects = grade >= 9 ? g_strdup_printf ("Math (%s)", PICK (g, hs_courses))
                                : g_strdup ("Math");
          p = gen_person (g, s, "teacher", grade, grades, subjects, TRUE);
        }
      else
        p = gen_person (g, s, "teacher", grade, grades, PICK (g, secondary_subjects), FALSE);

      if (p->math && s->cohort->len < MAX_COHORT && (grade > 5 || chance (g, 0.6)))
        g_ptr_array_add (s->cohort, p);
    }
  /* a school always has someone to coach */
  if (s->cohort->len == 0)
    g_ptr_array_add (s->cohort, g_ptr_array_index (s->staff, s->staff->len - 1));
  return s;
}

/* ----------------------------------------------------------- PD days */

/* A PD session's agenda: @blocks from @start, in minutes. */
static void
gen_pd_agenda (Gen               *g,
               const char        *session,
               const AgendaBlock *blocks,
               guint              n_blocks,
               guint              start,
               guint              focus,
               const char        *audience)
{
  Rec r = { 0 };
  int min;

  min = start;
  for (guint i = 0; i < n_blocks; i++)
    {
      char child[37];
      gboolean brk = strcmp (blocks[i].title, "Break") == 0 || strcmp (blocks[i].title, "Lunch") == 0;

      new_uuid (g, child);
      rec_add (&r, "session", session);
      rec_take (&r, "start_time", format_time (min));
      rec_take (&r, "end_time", format_time (min + blocks[i].minutes));
      if (strstr (blocks[i].title, "{focus}") != NULL)
        rec_addf (&r, "title", "Deep dive: %s", pd_focus[focus % G_N_ELEMENTS (pd_focus)]);
      else
        rec_add (&r, "title", blocks[i].title);
      if (!brk)
        {
          rec_add (&r, "facilitator", g->coaches[i % 2]->name);
          rec_add (&r, "materials", PICK (g, materials));
        }
      rec_add (&r, "audience", audience);
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "agenda_item", child, &r);
      min += blocks[i].minutes;
    }
}

static guint
gen_pd_attendance (Gen        *g,
                   Year       *y,
                   const char *session,
                   gboolean    all,
                   guint       minutes)
{
  Rec r = { 0 };
  guint n_present = 0;

  /* sign-in: everyone for all-teacher sessions; math teachers and the
   * site leaders (invited to every session) otherwise */
  for (guint i = 0; i < y->school->staff->len; i++)
    {
      Person *p = g_ptr_array_index (y->school->staff, i);
      char child[37];
      gboolean present;
      guint attended = minutes;

      if (!all && !p->math && strcmp (p->role, "teacher") == 0)
        continue;
      present = chance (g, 0.92);
      if (present && chance (g, 0.06))
        attended = minutes / 2;   /* left at lunch */
      new_uuid (g, child);
      rec_add (&r, "session", session);
      rec_add (&r, "person", p->uuid);
      rec_add (&r, "present", present ? "1" : "0");
      rec_take (&r, "hours", present ? format_hours (attended) : g_strdup ("0"));
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "attendance", child, &r);
      n_present += present;
    }
  return n_present;
}

static const char * const exit_ideas[] = {
  "Turn and talk before sharing out",
  "Wait time after a question",
  "Anticipating student strategies",
  "Sentence frames for critiquing reasoning",
  "Assessing vs advancing questions",
  "Number talks as a warm-up",
  "Selecting and sequencing student work",
  "Everyone writes before anyone talks",
};

static const char * const exit_plans[] = {
  "Try a turn and talk in period 2 tomorrow",
  "Plan assessing questions with my grade-level team",
  "Use the monitoring chart in my next fractions lesson",
  "Post sentence frames on the wall this week",
  "Start Friday's lesson with a number talk",
  "Ask my coach to watch my discussion",
};

/* Exit tickets for most of those present: the usual questions, scores
 * leaning to agree, a few ideas said in the same words. Drawn from a
 * random stream of the session's own, so the rest of the data set does
 * not change with them. */
static void
gen_pd_exit_tickets (Gen        *g,
                     const char *session,
                     guint       n_present)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (session));
  const CbExitTemplateQuestion *template;
  char questions[8][37];
  guint n_questions, n_tickets;
  Rec r = { 0 };

  template = cb_exit_template (&n_questions);
  n_questions = MIN (n_questions, G_N_ELEMENTS (questions));
  for (guint i = 0; i < n_questions; i++)
    {
      new_uuid (g, questions[i]);
      rec_add (&r, "session", session);
      rec_take (&r, "position", g_strdup_printf ("%u", i + 1));
      rec_add (&r, "prompt", template[i].prompt);
      rec_add (&r, "type", template[i].type);
      rec_add (&r, "level", template[i].level);
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "exit_question", questions[i], &r);
    }
  n_tickets = n_present * g_rand_int_range (rand, 75, 95) / 100;
  for (guint t = 0; t < n_tickets; t++)
    {
      char ticket[37];

      new_uuid (g, ticket);
      rec_add (&r, "session", session);
      rec_take (&r, "number", g_strdup_printf ("%u", t + 1));
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "exit_ticket", ticket, &r);
      for (guint i = 0; i < n_questions; i++)
        {
          char answer[37];
          gboolean text = strcmp (template[i].type, "free_text") == 0;

          if (text && g_rand_int_range (rand, 0, 10) < 2)
            continue;   /* left blank */
          new_uuid (g, answer);
          rec_add (&r, "ticket", ticket);
          rec_add (&r, "question", questions[i]);
          if (text)
            rec_add (&r, "text", strcmp (template[i].level, "use") == 0
                                 ? exit_plans[g_rand_int_range (rand, 0, G_N_ELEMENTS (exit_plans))]
                                 : exit_ideas[g_rand_int_range (rand, 0, G_N_ELEMENTS (exit_ideas))]);
          else
            {
              static const int weights[] = { 2, 6, 17, 40, 35 };   /* % of 1…5 */
              int roll = g_rand_int_range (rand, 0, 100), score = 1;

              for (int acc = weights[0]; roll >= acc && score < 5; acc += weights[score++])
                ;
              rec_take (&r, "score", g_strdup_printf ("%d", score));
            }
          rec_add (&r, CB_FIELD_PRIVACY, "team");
          emit (g, "exit_answer", answer, &r);
        }
    }
}

static void
gen_pd (Gen        *g,
        Year       *y,
        const GDate *date,
        PdType      type,
        guint       focus)
{
  char uuid[37];
  char day[11];
  const AgendaBlock *blocks;
  guint n_blocks, minutes = 0, start;
  gboolean all, launch;
  const char *audience;
  const char *fmt;
  Ctx ctx = { 0 };
  Rec r = { 0 };
  g_autofree char *title = NULL;

  switch (type)
    {
    case PD_LAUNCH_ALL:
      blocks = agenda_launch_all; n_blocks = G_N_ELEMENTS (agenda_launch_all);
      start = 8 * 60; all = TRUE; launch = TRUE;
      title = g_strdup ("Launch day 1: Academic discourse across content areas");
      break;
    case PD_LAUNCH_MATH:
      blocks = agenda_launch_math; n_blocks = G_N_ELEMENTS (agenda_launch_math);
      start = 8 * 60; all = FALSE; launch = TRUE;
      title = g_strdup ("Launch day 2: Effective Mathematics Teaching Practices");
      break;
    case PD_DAY_AM:
      blocks = agenda_day_am; n_blocks = G_N_ELEMENTS (agenda_day_am);
      start = 8 * 60; all = TRUE; launch = FALSE;
      title = g_strdup ("PD day (morning): Student engagement across subjects");
      break;
    case PD_DAY_PM:
    default:
      blocks = agenda_day_pm; n_blocks = G_N_ELEMENTS (agenda_day_pm);
      start = 12 * 60 + 30; all = FALSE; launch = FALSE;
      title = g_strdup_printf ("PD day (afternoon): %s", pd_focus[focus % G_N_ELEMENTS (pd_focus)]);
      break;
    }
  for (guint i = 0; i < n_blocks; i++)
    minutes += blocks[i].minutes;
  audience = all ? "all_teachers" : "math_teachers";
  fmt = chance (g, 0.8) ? "in_person" : chance (g, 0.5) ? "hybrid" : "virtual";
  ctx.band = &bands[1];
  ctx.topic = &topics_35[0];
  date_string (g, date, day);

  new_uuid (g, uuid);
  rec_add (&r, "title", title);
  rec_add (&r, "date", day);
  rec_take (&r, "start_time", format_time (start));
  rec_take (&r, "end_time", format_time (start + minutes));
  rec_add (&r, "location", strcmp (fmt, "virtual") == 0 ? "Zoom" : PICK (g, locations));
  rec_add (&r, "format", fmt);
  rec_add (&r, "audience", audience);
  rec_add (&r, "engagement", y->engagement);
  rec_add (&r, "launch", launch ? "1" : "0");
  if (all)
    rec_add (&r, "objectives",
             "Participants will:\n"
             "- practice two discussion routines that work in any subject\n"
             "- plan where students will talk to each other in an upcoming lesson\n"
             "- name one way to keep every student thinking during group work");
  else
    rec_addf (&r, "objectives",
              "Participants will:\n"
              "- do a mathematics task as learners and analyse it\n"
              "- deepen one practice: %s\n"
              "- plan questions that support productive struggle in their next lesson",
              pd_focus[focus % G_N_ELEMENTS (pd_focus)]);
  ctx.es = chance (g, 0.1);
  rec_take (&r, "exit_tickets", FILL_LINES (g, exit_ticket_lines, rnd (g, 2, 4), &ctx));
  rec_add (&r, "reflection", PICK (g, reflections));
  if (chance (g, 0.2))
    rec_add (&r, "private_notes", PICK (g, pd_private_notes));
  rec_add (&r, CB_FIELD_PRIVACY, chance (g, 0.08) ? "private" : "team");
  emit (g, "pd_session", uuid, &r);

  gen_pd_agenda (g, uuid, blocks, n_blocks, start, focus, audience);
  gen_pd_exit_tickets (g, uuid, gen_pd_attendance (g, y, uuid, all, minutes));
}

/* ------------------------------------------------------ coaching cycles */

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* @seconds >= 0: a talk timer; otherwise a counter counted @count times. */
static void
gen_tally (Gen        *g,
           const char *observation,
           const char *privacy,
           const char *name,
           const char *label,
           guint       position,
           int         count,
           int         seconds,
           int         duration)
{
  char uuid[37];
  Rec r = { 0 };

  new_uuid (g, uuid);
  rec_add (&r, "observation", observation);
  rec_add (&r, "name", name);
  rec_add (&r, "label", label);
  rec_addf (&r, "position", "%u", position);
  if (seconds >= 0)
    rec_addf (&r, "seconds", "%d", seconds);
  else
    {
      g_autoptr(GArray) marks = g_array_sized_new (FALSE, FALSE, sizeof (int), count);
      GString *list = g_string_new (NULL);

      for (int i = 0; i < count; i++)
        {
          int t = rnd (g, 30, MAX (31, duration - 10));
          g_array_append_val (marks, t);
        }
      g_array_sort (marks, compare_ints);
      for (guint i = 0; i < marks->len; i++)
        g_string_append_printf (list, i ? "\n%d" : "%d", g_array_index (marks, int, i));
      rec_addf (&r, "count", "%d", count);
      rec_take (&r, "marks", g_string_free (list, FALSE));
    }
  rec_add (&r, CB_FIELD_PRIVACY, privacy);
  emit (g, "tally", uuid, &r);
}

/* The monitoring chart of an observation prepared by a co-plan: one row
 * per anticipated strategy, most seen, some chosen for the discussion. */
static void
gen_monitor (Gen        *g,
             const char *observation,
             const char *privacy,
             const char *strategies,
             int         duration)
{
  static const char * const initials[] = {
    "AB", "CD", "EM", "FR", "GL", "JP", "KT", "LS", "MN", "RV", "SO", "TY",
  };
  g_auto(GStrv) lines = g_strsplit (strategies ? strategies : "", "\n", -1);
  /* Its own dice, seeded by the observation: the records generated
   * before the chart existed stay the same for a given seed. */
  g_autoptr(GRand) dice = g_rand_new_with_seed (g_str_hash (observation));
  guint order = 0;

  for (guint i = 0; lines[i]; i++)
    {
      char uuid[37];
      Rec r = { 0 };
      gboolean seen = g_rand_double (dice) < 0.75;

      if (*lines[i] == '\0')
        continue;
      new_uuid (g, uuid);
      rec_add (&r, "observation", observation);
      rec_addf (&r, "position", "%u", i);
      rec_add (&r, "strategy", lines[i]);
      rec_add (&r, "seen", seen ? "1" : "0");
      if (seen)
        {
          rec_addf (&r, "seen_at", "%d", g_rand_int_range (dice, 60, MAX (61, duration - 60)));
          rec_addf (&r, "students", "%s, %s", initials[g_rand_int_range (dice, 0, 6)],
                    initials[g_rand_int_range (dice, 6, 12)]);
          if (g_rand_double (dice) < 0.6)
            rec_addf (&r, "share_order", "%u", ++order);
        }
      rec_add (&r, CB_FIELD_PRIVACY, privacy);
      emit (g, "monitor", uuid, &r);
    }
}

/* k distinct entries of @pairs, each after @prefix, one per line. */
static char *
join_distinct (Gen        *g,
               const Pair *pairs,
               guint       n_pairs,
               guint       k,
               Ctx        *ctx,
               const char *prefix)
{
  g_autofree char *lines = fill_lines (g, pairs, n_pairs, k, ctx);
  g_auto(GStrv) parts = g_strsplit (lines, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    g_string_append_printf (out, i ? "\n%s%s" : "%s%s", prefix, parts[i]);
  return g_string_free (out, FALSE);
}

static const Pair anticipated_strategies[] = {
  { "Uses {tool} to model the problem", "Usa {tool} para modelar el problema" },
  { "Solves with {strat}", "Resuelve con {strat}" },
  { "Guesses and checks, then adjusts", "Tantea y luego ajusta" },
  { "Draws a picture and labels the parts", "Hace un dibujo y nombra las partes" },
  { "Starts with {strat}, then checks with {tool}", "Empieza con {strat} y lo comprueba con {tool}" },
  { "Gets an answer but cannot explain why it works", "Llega a la respuesta pero no explica por qué funciona" },
  { "Works backwards from the answer", "Trabaja hacia atrás desde la respuesta" },
};

typedef struct
{
  guint n_observations;
  guint student_talk_percent_sum;
} DayStats;

static void
gen_evidence (Gen         *g,
              const char  *observation,
              const char  *privacy,
              const char  *focus,
              int          duration,
              Ctx         *ctx)
{
  g_auto(GStrv) focus_uuids = g_strsplit (focus, " ", -1);
  guint n_focus = g_strv_length (focus_uuids);
  int bounds[4];
  int n_lines = MAX (8, duration / 180 + rnd (g, -3, 4));
  int gap_max = MAX (40, 2 * duration / n_lines - 20);
  int t = 0;
  int phase = -1;
  gboolean cycle_es = ctx->es;

  bounds[0] = 0;
  bounds[1] = duration * rnd (g, 12, 25) / 100;
  bounds[2] = duration * rnd (g, 55, 65) / 100;
  bounds[3] = duration * rnd (g, 84, 90) / 100;

  for (int i = 0; i < n_lines; i++)
    {
      const Line *lines;
      const Line *line;
      guint n;
      char uuid[37];
      Rec r = { 0 };
      GString *tags;
      const char *tag;

      t += rnd (g, 20, gap_max);
      if (t >= duration - 5)
        break;

      while (phase < 3 && t >= bounds[phase + 1])
        {
          phase++;
          new_uuid (g, uuid);
          rec_add (&r, "observation", observation);
          rec_addf (&r, "offset", "%d", bounds[phase]);
          rec_add (&r, "type", "phase");
          rec_add (&r, "text", cycle_es ? phase_text[phase].es : phase_text[phase].en);
          rec_add (&r, "phase", phase_names[phase]);
          rec_add (&r, CB_FIELD_PRIVACY, privacy);
          emit (g, "evidence", uuid, &r);
        }

      /* a Spanish-speaking class is written up mostly in Spanish */
      ctx->es = cycle_es ? chance (g, 0.85) : chance (g, 0.02);
      switch (phase)
        {
        case 0:
          lines = ctx->es ? launch_es : launch_en;
          n = ctx->es ? G_N_ELEMENTS (launch_es) : G_N_ELEMENTS (launch_en);
          break;
        case 1:
          lines = ctx->es ? explore_es : explore_en;
          n = ctx->es ? G_N_ELEMENTS (explore_es) : G_N_ELEMENTS (explore_en);
          break;
        case 2:
          lines = ctx->es ? discuss_es : discuss_en;
          n = ctx->es ? G_N_ELEMENTS (discuss_es) : G_N_ELEMENTS (discuss_en);
          break;
        case 3:
        default:
          lines = ctx->es ? synth_es : synth_en;
          n = ctx->es ? G_N_ELEMENTS (synth_es) : G_N_ELEMENTS (synth_en);
          break;
        }
      line = &lines[g_rand_int_range (g->rand, 0, n)];
      ctx_roll (g, ctx);

      tags = g_string_new (NULL);
      if (chance (g, 0.7) && (tag = look_for_matching (g, line->key)) != NULL)
        refs_append (tags, tag);
      else if (n_focus > 0 && chance (g, 0.25))
        refs_append (tags, focus_uuids[g_rand_int_range (g->rand, 0, n_focus)]);
      if (tags->len > 0 && chance (g, 0.1) && (tag = look_for_random (g)) != NULL &&
          strstr (tags->str, tag) == NULL)
        refs_append (tags, tag);

      new_uuid (g, uuid);
      rec_add (&r, "observation", observation);
      rec_addf (&r, "offset", "%d", t);
      rec_add (&r, "type", "note");
      rec_take (&r, "text", fill (g, line->text, ctx));
      rec_take (&r, "tags", g_string_free (tags, FALSE));
      rec_add (&r, "phase", phase_names[phase]);
      rec_add (&r, CB_FIELD_PRIVACY, privacy);
      if (chance (g, 0.005))
        rec_add (&r, CB_FIELD_DELETED, "1");
      emit (g, "evidence", uuid, &r);
    }
  ctx->es = cycle_es;
}

static void
add_segment (Gen        *g,
             const char *log,
             const char *privacy,
             guint       position,
             guint       activity,
             int         minutes,
             Ctx        *ctx)
{
  char uuid[37];
  Rec r = { 0 };

  new_uuid (g, uuid);
  rec_add (&r, "log", log);
  rec_addf (&r, "position", "%u", position);
  rec_add (&r, "activity", activities[activity]);
  rec_addf (&r, "minutes", "%d", minutes);
  rec_take (&r, "note", fill (g, ctx->es ? segment_notes[activity].es : segment_notes[activity].en, ctx));
  rec_add (&r, CB_FIELD_PRIVACY, privacy);
  emit (g, "segment", uuid, &r);
}

static const char *
pick_status (Gen        *g,
             const char *due)
{
  double r = g_rand_double (g->rand);

  if (strcmp (due, g->reference) < 0)
    return r < 0.65 ? "done" : r < 0.75 ? "in_progress" : r < 0.82 ? "dropped" : "open";
  return r < 0.55 ? "open" : r < 0.90 ? "in_progress" : "done";
}

static void
gen_action_item (Gen        *g,
                 Year       *y,
                 guint       visit,
                 const GDate *date,
                 const char *owner,
                 const char *source,
                 const char *cycle,
                 const char *text)
{
  char uuid[37];
  char due[11], back[11];
  GDate d = *date;
  Rec r = { 0 };

  g_date_add_days (&d, rnd (g, 7, 28));
  to_weekday (&d);
  date_string (g, &d, due);
  if (visit + 1 < y->n_coaching)
    date_string (g, &y->coaching[visit + 1], back);
  else
    {
      g_date_add_days (&d, 7);
      date_string (g, &d, back);
    }

  new_uuid (g, uuid);
  rec_add (&r, "text", text);
  rec_add (&r, "owner", owner);
  rec_add (&r, "due", due);
  rec_add (&r, "check_back", back);
  rec_add (&r, "status", pick_status (g, due));
  rec_add (&r, "source", source);
  if (cycle != NULL)
    rec_add (&r, "cycle", cycle);
  rec_add (&r, CB_FIELD_PRIVACY, pick_privacy (g));
  if (chance (g, 0.02))
    rec_add (&r, CB_FIELD_DELETED, "1");
  emit (g, "action_item", uuid, &r);
}

/* What the records of one teacher's cycle share. */
typedef struct
{
  Year       *y;
  Person     *teacher;
  char        coplan[37], obs[37], log[37];
  char        day[11], plan_day[11];
  const char *privacy;      /* of the co-plan and the log */
  const char *obs_privacy;
  int         grade;
  int         start;        /* minutes from midnight */
  int         dur_min;
  int         duration;     /* seconds */
  gboolean    same_day;     /* co-planned on the day of the lesson */
  const char *focus;
  const char *lesson_title;
  const char *goal;
  Ctx        *ctx;
  const char *goal_cycle;   /* the teacher's coaching cycle, or NULL */
  gboolean    walk;         /* scored on the built-in walkthrough form */
} Cycle;

/* The co-plan; returns its anticipated strategies, which the
 * observation's monitoring chart follows. */
static char *
gen_cycle_coplan (Gen   *g,
                  Cycle *c)
{
  char *strategies;
  Rec r = { 0 };

  rec_add (&r, "lesson", c->lesson_title);
  if (chance (g, 0.25) && c->y->school->cohort->len > 1)
    {
      Person *partner = g_ptr_array_index (c->y->school->cohort,
                                           g_rand_int_range (g->rand, 0, c->y->school->cohort->len));
      if (partner != c->teacher)
        rec_addf (&r, "teachers", "%s %s", c->teacher->uuid, partner->uuid);
      else
        rec_add (&r, "teachers", c->teacher->uuid);
    }
  else
    rec_add (&r, "teachers", c->teacher->uuid);
  rec_add (&r, "school", c->y->school->uuid);
  rec_add (&r, "date", c->plan_day);
  rec_add (&r, "learning_goal", c->goal);
  rec_take (&r, "task", FILL_PAIR (g, tasks, c->ctx));
  strategies = FILL_LINES (g, anticipated_strategies, rnd (g, 3, 5), c->ctx);
  rec_add (&r, "strategies", strategies);
  rec_take (&r, "misconceptions",
            join_distinct (g, c->ctx->band->misconceptions, c->ctx->band->n_misconceptions, rnd (g, 2, 3), c->ctx,
                           c->ctx->es ? "Un estudiante " : "A student "));
  rec_take (&r, "assessing_questions", FILL_LINES (g, assessing_q, rnd (g, 2, 4), c->ctx));
  rec_take (&r, "advancing_questions", FILL_LINES (g, advancing_q, rnd (g, 2, 3), c->ctx));
  rec_add (&r, "look_fors", c->focus);
  rec_add (&r, "observation", c->obs);
  rec_take (&r, "notes", FILL_PAIR (g, coplan_notes, c->ctx));
  if (c->goal_cycle)
    rec_add (&r, "cycle", c->goal_cycle);
  if (chance (g, 0.2))
    rec_add (&r, "private_notes", PICK (g, coplan_private_notes));
  rec_add (&r, CB_FIELD_PRIVACY, c->privacy);
  emit (g, "coplan", c->coplan, &r);

  return strategies;
}

static void
gen_cycle_observation (Gen   *g,
                       Cycle *c)
{
  Rec r = { 0 };

  rec_add (&r, "lesson", c->lesson_title);
  rec_add (&r, "teacher", c->teacher->uuid);
  rec_add (&r, "school", c->y->school->uuid);
  rec_add (&r, "date", c->day);
  rec_take (&r, "start_time", format_time (c->start));
  rec_take (&r, "end_time", format_time (c->start + c->dur_min));
  if (c->grade == 0)
    rec_add (&r, "grade", "K");
  else
    rec_addf (&r, "grade", "%d", c->grade);
  if (c->grade <= 5)
    rec_addf (&r, "class_period", "Room %d", rnd (g, 1, 30));
  else
    rec_addf (&r, "class_period", "Period %d", rnd (g, 1, 6));
  rec_add (&r, "focus", c->focus);
  rec_take (&r, "strengths", FILL_LINES (g, strengths, rnd (g, 2, 3), c->ctx));
  rec_take (&r, "wonderings", FILL_LINES (g, wonderings, rnd (g, 1, 2), c->ctx));
  rec_take (&r, "next_steps", FILL_LINES (g, next_steps, rnd (g, 1, 2), c->ctx));
  rec_add (&r, "shared_with_teacher",
           strcmp (c->obs_privacy, "private") != 0 && chance (g, 0.7) ? "1" : "0");
  rec_add (&r, "coplan", c->coplan);
  rec_add (&r, "engagement", c->y->engagement);
  rec_addf (&r, "clock", "stopped;%d;0", c->duration * 1000);
  if (c->goal_cycle)
    rec_add (&r, "cycle", c->goal_cycle);
  if (c->walk)
    rec_add (&r, "walk_form", CB_CATALOG_NCTM_FORM);
  if (chance (g, 0.25))
    rec_add (&r, "private_notes", PICK (g, obs_private_notes));
  rec_add (&r, CB_FIELD_PRIVACY, c->obs_privacy);
  emit (g, "observation", c->obs, &r);
}

/* The observation's counters; the day's statistics count its talk. */
static void
gen_cycle_tallies (Gen      *g,
                   Cycle    *c,
                   DayStats *stats)
{
  int tp, sp;

  tp = rnd (g, 35, 65);
  sp = rnd (g, 10, MIN (40, 95 - tp));
  stats->n_observations++;
  stats->student_talk_percent_sum += sp;
  gen_tally (g, c->obs, c->obs_privacy, "funneling", "Funneling questions", 0, rnd (g, 1, 14), -1, c->duration);
  gen_tally (g, c->obs, c->obs_privacy, "focusing", "Focusing questions", 1, rnd (g, 1, 12), -1, c->duration);
  gen_tally (g, c->obs, c->obs_privacy, "otr", "Opportunities to respond", 2, rnd (g, 6, 40), -1, c->duration);
  gen_tally (g, c->obs, c->obs_privacy, "teacher_talk", "Teacher talk", 3, 0, c->duration * tp / 100, c->duration);
  gen_tally (g, c->obs, c->obs_privacy, "student_talk", "Student talk", 4, 0, c->duration * sp / 100, c->duration);
  if (chance (g, 0.3))
    {
      const Counter *counter = &PICK (g, custom_counters);
      gen_tally (g, c->obs, c->obs_privacy, counter->name, counter->label, 5, rnd (g, 2, 20), -1, c->duration);
    }
}

/* The coaching log: each minute counted once. */
static void
gen_cycle_log (Gen   *g,
               Cycle *c,
               int    coplan_min,
               int    debrief_min,
               int    extra,
               int    extra_min)
{
  int time_in, total;
  guint pos = 0;
  Rec r = { 0 };

  total = c->dur_min + debrief_min + (c->same_day ? coplan_min : 0) + (extra >= 0 ? extra_min : 0);
  time_in = c->start - (c->same_day ? coplan_min : 0) - 5;
  rec_take (&r, "summary", FILL_PAIR (g, summaries, c->ctx));
  rec_add (&r, "date", c->day);
  rec_add (&r, "teachers", c->teacher->uuid);
  rec_add (&r, "mode", "one_on_one");
  rec_add (&r, "school", c->y->school->uuid);
  rec_add (&r, "engagement", c->y->engagement);
  rec_take (&r, "time_in", format_time (time_in));
  rec_take (&r, "time_out", format_time (time_in + total + 15));
  rec_add (&r, "coaches", "2");   /* the scope: two coaches on each day */
  rec_add (&r, "focus", c->focus);
  rec_add (&r, "coplan", c->coplan);
  rec_add (&r, "observation", c->obs);
  rec_take (&r, "notes", FILL_LINES (g, log_notes, rnd (g, 1, 2), c->ctx));
  rec_take (&r, "next_plan", FILL_PAIR (g, next_plans, c->ctx));
  if (c->goal_cycle)
    rec_add (&r, "cycle", c->goal_cycle);
  if (chance (g, 0.1))
    rec_add (&r, "private_notes", PICK (g, log_private_notes));
  rec_add (&r, CB_FIELD_PRIVACY, c->privacy);
  emit (g, "coaching_log", c->log, &r);

  if (c->same_day)
    add_segment (g, c->log, c->privacy, pos++, ACT_COPLAN, coplan_min, c->ctx);
  add_segment (g, c->log, c->privacy, pos++, ACT_OBSERVE, c->dur_min, c->ctx);
  if (extra >= 0)
    add_segment (g, c->log, c->privacy, pos++, extra, extra_min, c->ctx);
  add_segment (g, c->log, c->privacy, pos++, ACT_DEBRIEF, debrief_min, c->ctx);
}

/* One teacher's cycle on a coaching day: co-plan, observation with its
 * evidence and tallies, the coaching log with its segments, and the
 * action items agreed at the debrief. */
static void gen_walk_scores (Gen *g, Cycle *c);

static void
gen_cycle (Gen         *g,
           Year        *y,
           Person      *teacher,
           Person      *coach,
           const GDate *date,
           guint        slot,
           guint        visit,
           DayStats    *stats)
{
  const char *privacy = pick_privacy (g);
  const char *obs_privacy = pick_privacy (g);
  int grade = teacher->grade >= 0 ? teacher->grade : y->school->type->lo;
  int dur_min = grade <= 5 ? 5 * rnd (g, 9, 12) : 5 * rnd (g, 10, 18);
  int start = 8 * 60 + 10 + (int) slot * 75;
  int unit = (int) visit + 1 + rnd (g, 0, 1);
  int lesson = rnd (g, 1, 14);
  gboolean same_day = chance (g, 0.6);
  int coplan_min = rnd (g, 6, 10) * 5;
  int debrief_min = rnd (g, 4, 7) * 5;
  int extra = chance (g, 0.25) ? (chance (g, 0.5) ? ACT_MODEL : ACT_COTEACH) : -1;
  int extra_min = rnd (g, 3, 6) * 5;
  g_autofree char *focus = pick_focus (g);
  g_autofree char *goal = NULL;
  g_autofree char *lesson_title = NULL;
  g_autofree char *topic_cap = NULL;
  g_autofree char *strategies = NULL;
  GDate plan_date = *date;
  Ctx ctx = { 0 };
  Cycle c = { y, teacher };

  ctx.es = chance (g, 0.1);
  pick_topic (g, &ctx, grade);
  topic_cap = capitalize (ctx.es ? ctx.topic->es : ctx.topic->en);
  lesson_title = g_strdup_printf (ctx.es ? "Unidad %d, lección %d: %s" : "Unit %d Lesson %d: %s",
                                  unit, lesson, topic_cap);
  goal = g_strdup_printf (ctx.es ? "Los estudiantes podrán %s %s usando %s." : "Students will %s %s using %s.",
                          PICK_PAIR (g, goal_verbs, ctx.es),
                          ctx.es ? ctx.topic->es : ctx.topic->en,
                          pick_pair (g, ctx.band->tools, ctx.band->n_tools, ctx.es));
  ctx.goal = goal;
  date_string (g, date, c.day);
  if (!same_day)
    g_date_subtract_days (&plan_date, 7);
  date_string (g, &plan_date, c.plan_day);

  new_uuid (g, c.coplan);
  new_uuid (g, c.obs);
  new_uuid (g, c.log);
  c.privacy = privacy;
  c.obs_privacy = obs_privacy;
  c.grade = grade;
  c.start = start;
  c.dur_min = dur_min;
  c.duration = dur_min * 60;
  c.same_day = same_day;
  c.focus = focus;
  c.lesson_title = lesson_title;
  c.goal = goal;
  c.ctx = &ctx;
  if (teacher->cycle[0] != '\0' && visit >= teacher->cycle_from && visit <= teacher->cycle_to)
    c.goal_cycle = teacher->cycle;

  c.walk = g_rand_double (g->walks) < 0.3;
  strategies = gen_cycle_coplan (g, &c);
  gen_cycle_observation (g, &c);
  gen_evidence (g, c.obs, obs_privacy, focus, c.duration, &ctx);
  if (c.walk)
    gen_walk_scores (g, &c);
  gen_monitor (g, c.obs, obs_privacy, strategies, c.duration);
  gen_cycle_tallies (g, &c, stats);
  gen_cycle_log (g, &c, coplan_min, debrief_min, extra, extra_min);

  for (int i = rnd (g, 1, 3); i > 0; i--)
    {
      g_autofree char *text = FILL_PAIR (g, action_texts, &ctx);
      gen_action_item (g, y, visit, date,
                       chance (g, 0.75) ? teacher->uuid : coach->uuid,
                       chance (g, 0.7) ? c.obs : c.log, c.goal_cycle, text);
    }
}

/* The built-in NCTM walkthrough form scored on an observation: a score
 * for most of its six items, each with the lines tagged with its
 * look-for as evidence and sometimes a note. Drawn from a stream of its
 * own, so the other records of a seed stay what they were. */
static void
gen_walk_scores (Gen   *g,
                 Cycle *c)
{
  static const char * const notes[] = {
    "Students turned and talked before sharing with the class.",
    "Several students explained why, not only how.",
    "The goal was posted but not referred to after the launch.",
    "The teacher waited before calling on a student.",
  };
  g_autoptr(GPtrArray) items = NULL;

  if (g->error != NULL || (items = cb_walk_load_items (g->store, CB_CATALOG_NCTM_FORM, &g->error)) == NULL)
    return;
  for (guint i = 0; i < items->len && budget_left (g); i++)
    {
      CbWalkItem *item = g_ptr_array_index (items, i);
      g_autofree char *lines = NULL;
      char uuid[37];
      Rec r = { 0 };
      int level = g_rand_int_range (g->walks, 1, 5);

      if (g_rand_double (g->walks) < 0.15)
        continue;
      if ((lines = cb_walk_tagged_lines (g->store, c->obs, item->look_for, &g->error)) == NULL)
        return;
      make_uuid (g->walks, uuid);
      rec_add (&r, "observation", c->obs);
      rec_add (&r, "item", item->uuid);
      rec_addf (&r, "score", "%d", level);
      if (*lines != '\0')
        rec_add (&r, "evidence", lines);
      if (g_rand_double (g->walks) < 0.4)
        rec_add (&r, "note", notes[g_rand_int_range (g->walks, 0, G_N_ELEMENTS (notes))]);
      rec_add (&r, CB_FIELD_PRIVACY, c->obs_privacy);
      /* a score taken back (Ctrl+Z) is in the Trash */
      if (g_rand_double (g->walks) < 0.06)
        rec_add (&r, CB_FIELD_DELETED, "1");
      emit (g, "walk_score", uuid, &r);
    }
}

/* After school: a PLC with the math teachers; sometimes a check-in with
 * the principal that shares counts and time, never what a teacher said. */
static void
gen_group_logs (Gen            *g,
                Year           *y,
                const GDate    *date,
                guint           visit,
                const DayStats *stats)
{
  char uuid[37];
  char day[11];
  GString *teachers = g_string_new (NULL);
  Person *first = g_ptr_array_index (y->school->cohort, 0);
  guint n = MIN (y->school->cohort->len, (guint) rnd (g, 3, 6));
  guint offset = g_rand_int_range (g->rand, 0, y->school->cohort->len);
  const char *privacy = chance (g, 0.1) ? "private" : "team";
  gboolean data = chance (g, 0.5);
  int plc = rnd (g, 8, 11) * 5;
  int data_min = rnd (g, 4, 6) * 5;
  g_autofree char *focus = pick_focus (g);
  Ctx ctx = { 0 };
  Rec r = { 0 };

  ctx.es = chance (g, 0.1);
  pick_topic (g, &ctx, first->grade >= 0 ? first->grade : y->school->type->lo);
  date_string (g, date, day);
  for (guint i = 0; i < n; i++)
    refs_append (teachers, ((Person *) g_ptr_array_index (y->school->cohort,
                                                          (offset + i) % y->school->cohort->len))->uuid);

  new_uuid (g, uuid);
  if (ctx.es)
    rec_take (&r, "summary", fill (g, "PLC: revisamos trabajo de estudiantes sobre {topic}", &ctx));
  else
    rec_take (&r, "summary", fill (g, "PLC: looking at student work on {topic}", &ctx));
  rec_add (&r, "date", day);
  rec_take (&r, "teachers", g_string_free (teachers, FALSE));
  if (first->grade >= 0 && first->grade <= 5)
    rec_addf (&r, "group_name", first->grade == 0 ? "Kindergarten team" : "Grade %d team", first->grade);
  else
    rec_add (&r, "group_name", "Math department");
  rec_add (&r, "mode", "group");
  rec_add (&r, "school", y->school->uuid);
  rec_add (&r, "engagement", y->engagement);
  rec_add (&r, "time_in", "14:50");
  rec_take (&r, "time_out", format_time (14 * 60 + 50 + plc + (data ? data_min : 0)));
  rec_add (&r, "focus", focus);
  rec_take (&r, "notes", FILL_LINES (g, exit_ticket_lines, 2, &ctx));
  rec_take (&r, "next_plan", FILL_PAIR (g, next_plans, &ctx));
  rec_add (&r, CB_FIELD_PRIVACY, privacy);
  emit (g, "coaching_log", uuid, &r);
  add_segment (g, uuid, privacy, 0, ACT_PLC, plc, &ctx);
  if (data)
    add_segment (g, uuid, privacy, 1, ACT_DATA, data_min, &ctx);

  if (!chance (g, 0.35))
    return;

  new_uuid (g, uuid);
  rec_add (&r, "summary", "Check-in with the principal: walkthrough trends");
  rec_add (&r, "date", day);
  rec_addf (&r, "teachers", "%s %s", y->school->principal->uuid, y->school->leader->uuid);
  rec_add (&r, "group_name", "Leadership team");
  rec_add (&r, "mode", "support");
  rec_add (&r, "school", y->school->uuid);
  rec_add (&r, "engagement", y->engagement);
  rec_add (&r, "time_in", "13:45");
  rec_add (&r, "time_out", "14:45");
  rec_addf (&r, "notes", "Shared counts only: %u observations this visit, student talk %u%% of lesson time on average.",
            stats->n_observations,
            stats->n_observations ? stats->student_talk_percent_sum / stats->n_observations : 0);
  rec_add (&r, "next_plan", "Protect Wednesday PLC time; plan the next PD day together.");
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "coaching_log", uuid, &r);
  add_segment (g, uuid, "team", 0, ACT_ROUNDS, 35, &ctx);
  add_segment (g, uuid, "team", 1, ACT_PLANNING, 25, &ctx);
  if (chance (g, 0.5))
    gen_action_item (g, y, visit, date, y->school->principal->uuid, uuid, NULL,
                     "Protect Wednesday PLC time for the math team.");
}

static gboolean after_until (const Gen *g, const GDate *d);

/* A small picture of student work: lines of "writing" on paper, more of
 * them for a higher level, as a JPEG in base64. */
static char *
sample_photo (GRand *dice,
              int    width,
              int    height,
              int    level)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *px = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int rows = 3 + 3 * level;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0xf7f3e8ffu);
  for (int r = 0; r < rows; r++)
    {
      int y = height / 8 + r * (height * 3 / 4) / rows;
      int len = width / 3 + g_rand_int_range (dice, 0, width / 2);

      for (int dy = 0; dy < MAX (1, height / 60); dy++)
        for (int x = width / 10; x < MIN (width - 4, width / 10 + len); x++)
          {
            guchar *p = px + (y + dy) * stride + x * 3;
            p[0] = 40;
            p[1] = 50;
            p[2] = 120;
          }
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "70", NULL))
    return NULL;
  return g_base64_encode ((const guchar *) buffer, size);
}

/* A coaching cycle aimed at student learning for some teachers of the
 * cohort, opened on a coaching visit and spanning three: a goal with a
 * baseline and a target on a percentage of students, the look-fors it
 * works on, a data point on each visit, and a reflection once closed. */
static void
gen_goal_cycle (Gen         *g,
                Year        *y,
                Person      *teacher,
                guint        visit)
{
  static const struct { const char *goal; const char *measure; } goals[] = {
    { "Students will explain their strategy in writing on the exit ticket.",
      "% of students who explain their strategy on the exit ticket" },
    { "Students will critique a classmate's reasoning using a sentence frame.",
      "% of students who critique reasoning in the closing discussion" },
    { "Students will use a visual model to justify their answer.",
      "% of students whose work shows a model that justifies the answer" },
    { "Students will persevere on the task for the whole work time.",
      "% of students still working on the task after ten minutes" },
  };
  GRand *dice = g->cycles;
  guint k = g_rand_int_range (dice, 0, G_N_ELEMENTS (goals));
  guint last = MIN (visit + 2, y->n_coaching - 1);
  int baseline = 10 * g_rand_int_range (dice, 1, 4);
  int target = baseline + 10 * g_rand_int_range (dice, 3, 5);
  int value = baseline;
  int values[3];
  gboolean closed = last < y->n_coaching - 1 && !g_date_valid (&g->until);
  char from[11], to[11], d[11];
  GString *focus = g_string_new (NULL);
  Rec r = { 0 };

  for (guint i = 0; i < 2 && g->look_fors->len > 0; i++)
    {
      LookFor *lf = g_ptr_array_index (g->look_fors, g_rand_int_range (dice, 0, g->look_fors->len));
      if (strstr (focus->str, lf->uuid) == NULL)
        refs_append (focus, lf->uuid);
    }

  make_uuid (dice, teacher->cycle);
  teacher->cycle_from = visit;
  teacher->cycle_to = last;
  date_string (g, &y->coaching[visit], from);
  date_string (g, &y->coaching[last], to);

  rec_add (&r, "goal", goals[k].goal);
  rec_add (&r, "teachers", teacher->uuid);
  rec_add (&r, "school", y->school->uuid);
  rec_add (&r, "engagement", y->engagement);
  rec_add (&r, "measure", goals[k].measure);
  rec_add (&r, "unit", "%");
  rec_addf (&r, "baseline", "%d", baseline);
  rec_add (&r, "baseline_date", from);
  rec_addf (&r, "target", "%d", target);
  rec_add (&r, "target_date", to);
  rec_take (&r, "look_fors", g_string_free (focus, FALSE));
  rec_add (&r, "start_date", from);
  rec_add (&r, "end_date", to);
  for (guint v = visit; v <= last; v++)
    values[v - visit] = value = MIN (100, value + 5 * g_rand_int_range (dice, 1, 5));
  rec_add (&r, "status", closed ? (value >= target ? "met" : "not_met") : "open");
  if (closed)
    {
      rec_add (&r, "what_worked", "Posting the strategy anchor chart and asking \"How do you know?\" every time.");
      rec_add (&r, "barriers", "Two testing weeks cut the work time short.");
      rec_add (&r, "drivers", "The grade-level team used the same exit ticket.");
      rec_add (&r, "next_cycle", "Move from explaining to comparing strategies.");
    }
  rec_add (&r, CB_FIELD_PRIVACY, g_rand_int_range (dice, 0, 4) == 0 ? "teacher" : "team");
  emit (g, "cycle", teacher->cycle, &r);

  for (guint v = visit; v <= last && budget_left (g); v++)
    {
      char uuid[37];

      if (after_until (g, &y->coaching[v]))
        break;
      make_uuid (dice, uuid);
      date_string (g, &y->coaching[v], d);
      rec_add (&r, "cycle", teacher->cycle);
      rec_add (&r, "date", d);
      rec_addf (&r, "value", "%d", values[v - visit]);
      rec_addf (&r, "note", "Exit ticket, visit %u", v + 1);
      emit (g, "data_point", uuid, &r);
    }

  /* two exit tickets looked at together: a low and a high one */
  for (int level = 0; level < 2 && budget_left (g); level++)
    {
      char uuid[37];
      char initials[3] = { 'A' + g_rand_int_range (dice, 0, 26), 'A' + g_rand_int_range (dice, 0, 26), 0 };

      make_uuid (dice, uuid);
      rec_add (&r, "parent", teacher->cycle);
      rec_addf (&r, "position", "%d", level);
      rec_add (&r, "title", level ? "Exit ticket: explains with a bar model" : "Exit ticket: answer only");
      rec_add (&r, "level", level ? "high" : "low");
      rec_add (&r, "students", initials);
      rec_take (&r, "photo", sample_photo (dice, 320, 240, level * 2));
      rec_take (&r, "thumbnail", sample_photo (dice, 160, 120, level * 2));
      rec_add (&r, "width", "320");
      rec_add (&r, "height", "240");
      emit (g, "student_work", uuid, &r);
    }
}

static void
gen_goal_cycles (Gen  *g,
                 Year *y,
                 guint visit)
{
  for (guint i = 0; i < y->school->cohort->len && budget_left (g); i++)
    {
      Person *teacher = g_ptr_array_index (y->school->cohort, i);

      if (teacher->cycle[0] != '\0' && visit <= teacher->cycle_to)
        continue;
      /* a new cycle on the first visit and after each one ends, for
       * about half of the cohort */
      if ((visit == 0 || visit == teacher->cycle_to + 1 || teacher->cycle[0] == '\0') &&
          g_rand_int_range (g->cycles, 0, 2) == 0 && visit + 1 < y->n_coaching)
        gen_goal_cycle (g, y, teacher, visit);
    }
}

static void
gen_coaching_day (Gen  *g,
                  Year *y,
                  guint visit)
{
  DayStats stats = { 0 };
  const GDate *date = &y->coaching[visit];

  for (guint i = 0; i < y->school->cohort->len && budget_left (g); i++)
    {
      /* absences, testing, a sub: not everyone is coached every visit */
      if (chance (g, 0.1))
        continue;
      gen_cycle (g, y, g_ptr_array_index (y->school->cohort, i), g->coaches[i % 2],
                 date, i / 2, visit, &stats);
    }
  if (budget_left (g))
    gen_group_logs (g, y, date, visit, &stats);
}

static void
set_date (Gen   *g,
          GDate *d,
          int    year,
          int    month,
          int    lo,
          int    hi)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, rnd (g, lo, hi), month, year);
  to_weekday (d);
}

/* A sample dated around a day has nothing after it. */
static gboolean
after_until (const Gen   *g,
             const GDate *d)
{
  return g_date_valid (&g->until) && g_date_compare (d, &g->until) > 0;
}

/* One school year of one school: the engagement and, month by month,
 * its PD days and coaching days, until the budget runs out. */
/* One rounds visit a year: two coaches and the principal observe four
 * classrooms (the schedule's four slots), three notes each; a pattern
 * card holds a note of each. */
static void
gen_rounds (Gen  *g,
            Year *y)
{
  static const char * const lines[] = {
    "Students turn and talk about which strategy is faster",
    "Teacher asks: how do you know? Three students answer",
    "Two students compare an area model and the algorithm at the board",
  };
  const char *observers[] = { g->coaches[0]->uuid, g->coaches[1]->uuid, y->school->principal->uuid };
  char visit[37], card[37], day[11];
  GDate date;
  Rec r = { 0 };

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 12, 3, y->year + 1);
  to_weekday (&date);
  if (!budget_left (g) || after_until (g, &date))
    return;
  date_string (g, &date, day);
  new_uuid (g, visit);
  rec_addf (&r, "title", "Instructional rounds: %s", y->school->name);
  rec_add (&r, "school", y->school->uuid);
  rec_add (&r, "date", day);
  rec_add (&r, "problem", "Students rarely explain why a strategy works.");
  rec_addf (&r, "observers", "%s %s %s", observers[0], observers[1], observers[2]);
  rec_add (&r, "schedule", "9:00 Room 101\n9:20 Room 102\n9:40 Room 103\n10:00 Room 104");
  rec_add (&r, "predictions", "Students would learn that the teacher's method is the one to use.");
  rec_add (&r, "next_month", "One compare-and-connect routine a week in every grade.");
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "rounds_visit", visit, &r);
  for (guint c = 0; c < 4 && budget_left (g); c++)
    {
      char slot[37];

      new_uuid (g, slot);
      rec_add (&r, "visit", visit);
      rec_addf (&r, "position", "%u", c + 1);
      rec_addf (&r, "classroom", "Room %u", 101 + c);
      rec_addf (&r, "grade", "%u", 3 + c);
      rec_addf (&r, "start", "%u:%02u", 9 + c / 3, c * 20 % 60);
      rec_addf (&r, "end", "%u:%02u", 9 + (c + 1) / 3, (c + 1) * 20 % 60);
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "rounds_slot", slot, &r);
    }
  new_uuid (g, card);
  rec_add (&r, "visit", visit);
  rec_add (&r, "position", "1");
  rec_add (&r, "title", "Students compare strategies when asked");
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "rounds_pattern", card, &r);
  for (guint o = 0; o < 3 && budget_left (g); o++)
    for (guint c = 0; c < 4 && budget_left (g); c++)
      for (guint n = 0; n < 3 && budget_left (g); n++)
        {
          char note[37];

          new_uuid (g, note);
          rec_add (&r, "visit", visit);
          rec_addf (&r, "at", "%u", 9 * 3600 + c * 1200 + n * 300 + o * 20);
          rec_add (&r, "text", lines[n]);
          rec_addf (&r, "classroom", "Room %u", 101 + c);
          rec_add (&r, "observer", observers[o]);
          if (n == 2)
            rec_add (&r, "pattern", card);
          rec_add (&r, CB_FIELD_PRIVACY, "team");
          emit (g, "rounds_note", note, &r);
        }
}

/* ------------------------------------------------------------ meetings */

static const char * const meeting_data[] = {
  "Walkthrough counts of student discourse from the last coaching day",
  "Unit 3 common assessment: percent meeting standard by class",
  "Exit tickets from the October PD day (reaction and use items)",
  "Attendance at PLCs and co-planning sessions since August",
};

static const char * const meeting_barriers[] = {
  "Common planning time lost to testing two weeks in a row",
  "New teachers have not yet seen a number talk modeled",
  "Substitute coverage makes release time for co-planning hard",
};

static const char * const meeting_drivers[] = {
  "Grade 7 team co-plans every Tuesday and shares student work",
  "Principal joins every debrief and protects PLC time",
  "Teachers asked for more lab classrooms after the PD day",
};

static const char * const meeting_actions[] = {
  "Schedule lab classrooms for the two new teachers",
  "Bring three samples of student work to the next PLC",
  "Protect Tuesday planning time on the testing calendar",
  "Share the talk-move bookmarks with every math teacher",
};

/* Implementation-team meetings every other month and an impact review
 * twice a year, each linked to the one before and with two action
 * items. Drawn from a random stream of the engagement's own. */
static void
gen_meetings (Gen  *g,
              Year *y)
{
  static const struct { int month; const char *type; } plan[] = {
    { 10, "implementation_team" }, { 11, "impact_review" }, { 12, "implementation_team" },
    { 2, "implementation_team" }, { 3, "impact_review" }, { 4, "implementation_team" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (y->engagement) ^ 0x5eed);
  char previous[2][37] = { "", "" };

  for (guint i = 0; i < G_N_ELEMENTS (plan) && budget_left (g); i++)
    {
      gboolean review = strcmp (plan[i].type, "impact_review") == 0;
      char uuid[37], day[11];
      GDate date;
      Rec r = { 0 };

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_rand_int_range (rand, 8, 22), plan[i].month,
                      plan[i].month >= 8 ? y->year : y->year + 1);
      to_weekday (&date);
      if (after_until (g, &date))
        break;
      date_string (g, &date, day);
      new_uuid (g, uuid);
      rec_addf (&r, "title", review ? "School Impact Review: %s" : "Implementation team: %s",
                y->school->name);
      rec_add (&r, "meeting_type", plan[i].type);
      rec_add (&r, "date", day);
      rec_add (&r, "team", review ? "District and school leaders" : "Math implementation team");
      rec_add (&r, "school", y->school->uuid);
      rec_add (&r, "engagement", y->engagement);
      rec_addf (&r, "attendees", "%s %s %s", y->school->principal->uuid, g->coaches[0]->uuid, g->coaches[1]->uuid);
      rec_add (&r, "roles_present", review ? "Principal, district leader, coaches" : "Principal, coaches, grade-level leads");
      rec_add (&r, "agenda", "1. Progress since last time\n2. Data\n3. Barriers and drivers\n4. The work ahead");
      rec_add (&r, "data_reviewed", meeting_data[g_rand_int_range (rand, 0, G_N_ELEMENTS (meeting_data))]);
      rec_add (&r, "progress", "Most action items from last time are done; discourse counts are rising in grades 6 and 7.");
      rec_add (&r, "barriers", meeting_barriers[g_rand_int_range (rand, 0, G_N_ELEMENTS (meeting_barriers))]);
      rec_add (&r, "drivers", meeting_drivers[g_rand_int_range (rand, 0, G_N_ELEMENTS (meeting_drivers))]);
      rec_add (&r, "decisions", "Keep the focus on student discourse; add one lab classroom per month.");
      if (previous[review][0] != '\0')
        rec_add (&r, "previous", previous[review]);
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "meeting", uuid, &r);
      memcpy (previous[review], uuid, sizeof uuid);

      for (guint a = 0; a < 2 && budget_left (g); a++)
        {
          char action[37], due[11];
          GDate d = date;

          g_date_add_days (&d, 14 + 7 * a);
          to_weekday (&d);
          date_string (g, &d, due);
          new_uuid (g, action);
          rec_add (&r, "text", meeting_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (meeting_actions))]);
          rec_add (&r, "owner", a == 0 ? y->school->principal->uuid : g->coaches[0]->uuid);
          rec_add (&r, "due", due);
          rec_add (&r, "status", strcmp (due, g->reference) >= 0 ? "open"
                                 : g_rand_int_range (rand, 0, 4) > 0 ? "done" : "in_progress");
          rec_add (&r, "source", uuid);
          rec_add (&r, CB_FIELD_PRIVACY, "team");
          emit (g, "action_item", action, &r);
        }
    }
}

/* ------------------------------------------------------ inquiry cycles */

static const struct
{
  const char *idea;
  const char *predictions;
  const char *do_notes;
  const char *deviations;
  const char *study;
  const char *act;
} inquiry_plan[] = {
  { "Sentence frames for justifying on every exit ticket",
    "About half of the students will write a justification once the frame is on the ticket.",
    "All four teachers used the frames on the Tuesday and Thursday tickets for four weeks.",
    "One class missed a week for testing; two teachers read the frame aloud, two did not.",
    "Justifications rose less than predicted; students copied the frame but often left the reasoning out.",
    "adapt" },
  { "Model one justification together before the ticket",
    "With a shared model first, more students than last cycle will give a reason that is their own.",
    "Each teacher modelled one justification with the class before the ticket, twice a week.",
    "The modelling took longer than planned at first; one teacher moved it to the warm-up.",
    "Results met the prediction in three classes; the fourth rose after moving the model to the warm-up.",
    "adapt" },
  { "Students critique a sample justification in pairs",
    "Critiquing a sample will raise justifications above the median of the last two cycles.",
    "Pairs critiqued one anonymous sample before the ticket; teachers collected the critiques.",
    "Nothing deviated; the team added a second sample for students who finished early.",
    "Every point of this cycle is above the median: the team will keep the routine.",
    "adopt" },
};

/* A team's chain of three PDSA cycles a year on one measure (a grade's
 * PLC), each with a data point a week and two team meetings (coaching
 * logs with the PLC activity). Drawn from a stream of the engagement's
 * own, UUIDs included, so the other records of a seed stay the same. */
static void
gen_inquiry (Gen  *g,
             Year *y)
{
  static const int starts[][2] = { { 10, 1 }, { 1, 10 }, { 3, 7 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (y->engagement) ^ 0x9d5a);
  GString *team = g_string_new (NULL);
  g_autofree char *name = NULL;
  char previous[37] = "";
  int base = g_rand_int_range (rand, 20, 31);
  int value;

  for (guint i = 0; i < MIN (4u, y->school->cohort->len); i++)
    refs_append (team, ((Person *) g_ptr_array_index (y->school->cohort, i))->uuid);
  name = g_strdup_printf ("Grade %d math PLC", g_rand_int_range (rand, 3, 9));
  for (guint c = 0; c < G_N_ELEMENTS (inquiry_plan) && budget_left (g); c++)
    {
      char uuid[37], from[11], to[11];
      GDate start, end;
      gboolean done;
      Rec r = { 0 };

      g_date_clear (&start, 1);
      g_date_set_dmy (&start, starts[c][1], starts[c][0], starts[c][0] >= 8 ? y->year : y->year + 1);
      to_weekday (&start);
      end = start;
      g_date_add_days (&end, 35);
      if (after_until (g, &start))
        break;
      done = !after_until (g, &end);
      date_string (g, &start, from);
      date_string (g, &end, to);
      make_uuid (rand, uuid);
      rec_add (&r, "change_idea", inquiry_plan[c].idea);
      rec_add (&r, "team", name);
      rec_add (&r, "school", y->school->uuid);
      rec_add (&r, "engagement", y->engagement);
      rec_add (&r, "aim", "By May, 70% of our students will justify their answer in writing on the common exit ticket.");
      rec_add (&r, "measure", "% of students who justify their answer on the exit ticket");
      rec_add (&r, "unit", "%");
      rec_add (&r, "predictions", inquiry_plan[c].predictions);
      rec_add (&r, "data_what", "The Thursday exit ticket: justified or not, for every student");
      rec_add (&r, "data_who", "Each teacher scores their own class; the coach collates");
      rec_add (&r, "data_when", "Every Thursday; looked at in the Monday PLC");
      rec_add (&r, "start_date", from);
      rec_add (&r, "end_date", to);
      rec_add (&r, "do_notes", inquiry_plan[c].do_notes);
      rec_add (&r, "deviations", inquiry_plan[c].deviations);
      if (done)
        {
          rec_add (&r, "study", inquiry_plan[c].study);
          rec_add (&r, "act", inquiry_plan[c].act);
        }
      if (previous[0] != '\0')
        rec_add (&r, "previous", previous);
      rec_add (&r, "status", done ? "done" : "open");
      if (g_rand_int_range (rand, 0, 3) == 0)
        rec_add (&r, "private_notes", "The team lead worries the frames are doing the thinking for the students.");
      rec_add (&r, CB_FIELD_PRIVACY, "team");
      emit (g, "inquiry_cycle", uuid, &r);
      memcpy (previous, uuid, sizeof uuid);

      for (guint w = 0; w < 5 && budget_left (g); w++)
        {
          char point[37], day[11];
          GDate d = start;

          g_date_add_days (&d, 3 + 7 * w);
          if (after_until (g, &d))
            break;
          /* each change lifts the measure a little more than the last */
          value = CLAMP (base + 11 * (int) c + 2 * (int) w + g_rand_int_range (rand, -3, 4), 0, 100);
          date_string (g, &d, day);
          make_uuid (rand, point);
          rec_add (&r, "inquiry", uuid);
          rec_add (&r, "date", day);
          rec_addf (&r, "value", "%d", value);
          rec_add (&r, "note", "Thursday exit ticket");
          emit (g, "inquiry_point", point, &r);
        }
      for (guint m = 0; m < 2 && budget_left (g); m++)
        {
          char log[37], segment[37], day[11];
          GDate d = start;

          g_date_add_days (&d, 14 + 14 * m);
          to_weekday (&d);
          if (after_until (g, &d))
            break;
          date_string (g, &d, day);
          make_uuid (rand, log);
          rec_addf (&r, "summary", m == 0 ? "%s: plan and first data" : "%s: study the results", name);
          rec_add (&r, "date", day);
          rec_add (&r, "teachers", team->str);
          rec_add (&r, "group_name", name);
          rec_add (&r, "mode", "group");
          rec_add (&r, "school", y->school->uuid);
          rec_add (&r, "engagement", y->engagement);
          rec_add (&r, "notes", m == 0 ? "Agreed how to score the ticket; looked at the first week's tickets together."
                                       : "Sorted the tickets by justification and compared them with the predictions.");
          rec_add (&r, "inquiry", uuid);
          rec_add (&r, CB_FIELD_PRIVACY, "team");
          emit (g, "coaching_log", log, &r);
          make_uuid (rand, segment);
          rec_add (&r, "log", log);
          rec_add (&r, "position", "0");
          rec_add (&r, "activity", activities[ACT_PLC]);
          rec_add (&r, "minutes", "45");
          rec_add (&r, "note", "Inquiry cycle meeting");
          rec_add (&r, CB_FIELD_PRIVACY, "team");
          emit (g, "segment", segment, &r);
        }
    }
  g_string_free (team, TRUE);
}

static void
gen_year (Gen    *g,
          School *school,
          int     year)
{
  static const int months[] = { 9, 10, 11, 12, 1, 2, 3, 4 };
  Year y = { 0 };
  GDate launch, launch2, pd;
  Rec r = { 0 };
  char d1[11], d2[11];
  guint focus = (guint) rnd (g, 0, G_N_ELEMENTS (pd_focus) - 1);

  y.school = school;
  y.year = year;
  new_uuid (g, y.engagement);

  {
    GDate start, end;

    g_date_clear (&start, 1);
    g_date_clear (&end, 1);
    g_date_set_dmy (&start, 1, G_DATE_AUGUST, year);
    g_date_set_dmy (&end, 30, G_DATE_JUNE, year + 1);
    date_string (g, &start, d1);
    date_string (g, &end, d2);
  }
  rec_addf (&r, "name", "%s: math coaching %d-%02d", school->name, year, (year + 1) % 100);
  rec_add (&r, "client", school->name);
  rec_add (&r, "schools", school->uuid);
  rec_addf (&r, "school_year", "%d-%02d", year, (year + 1) % 100);
  rec_add (&r, "start_date", d1);
  rec_add (&r, "end_date", d2);
  rec_addf (&r, "teachers_served", "%u", school->staff->len);
  rec_add (&r, "planned_launch_days", "2");
  rec_add (&r, "planned_pd_days", "3");
  rec_add (&r, "planned_coaching_days", "8");
  rec_add (&r, "planned_hours", "86");
  rec_add (&r, "coaches_per_day", "2");
  rec_add (&r, "notes",
           "Two-day launch PD in August (day 1 all teachers, day 2 math teachers).\n"
           "PD days in October, February and May: all-teacher morning, math-only afternoon.\n"
           "Eight monthly coaching days with two coaches: co-plan, observe, debrief.\n"
           "Site leaders are invited to every session.");
  rec_add (&r, CB_FIELD_PRIVACY, "team");
  emit (g, "engagement", y.engagement, &r);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    set_date (g, &y.coaching[y.n_coaching++], months[i] >= 8 ? year : year + 1, months[i], 6, 17);

  set_date (g, &launch, year, 8, 11, 18);
  launch2 = launch;
  g_date_add_days (&launch2, 1);
  to_weekday (&launch2);
  if (budget_left (g) && !after_until (g, &launch))
    gen_pd (g, &y, &launch, PD_LAUNCH_ALL, focus);
  if (budget_left (g) && !after_until (g, &launch2))
    gen_pd (g, &y, &launch2, PD_LAUNCH_MATH, focus);

  /* a team's inquiry cycles come first: a small sample has them too */
  gen_inquiry (g, &y);
  for (guint i = 0; i < school->cohort->len; i++)
    ((Person *) g_ptr_array_index (school->cohort, i))->cycle[0] = '\0';
  for (guint v = 0; v < y.n_coaching && budget_left (g) && !after_until (g, &y.coaching[v]); v++)
    {
      gen_goal_cycles (g, &y, v);
      gen_coaching_day (g, &y, v);
      if ((months[v] == 10 || months[v] == 2) && budget_left (g))
        {
          set_date (g, &pd, g_date_get_year (&y.coaching[v]), months[v], 20, 27);
          if (after_until (g, &pd))
            continue;
          gen_pd (g, &y, &pd, PD_DAY_AM, focus);
          if (budget_left (g))
            gen_pd (g, &y, &pd, PD_DAY_PM, ++focus);
        }
    }
  gen_meetings (g, &y);
  gen_rounds (g, &y);
  if (budget_left (g))
    {
      set_date (g, &pd, year + 1, 5, 18, 25);
      if (!after_until (g, &pd))
        {
          gen_pd (g, &y, &pd, PD_DAY_AM, focus);
          if (budget_left (g))
            gen_pd (g, &y, &pd, PD_DAY_PM, ++focus);
        }
    }
}

/**
 * cb_generate:
 * @store: the store to fill
 * @n_records: about how many records to create, children included
 * @seed: the same seed gives the same records
 *
 * Fills @store with realistic coaching data: schools and their staff,
 * engagements with their PD days and monthly coaching days, co-plans,
 * observations with timestamped evidence and tallies, coaching logs,
 * action items. About 10% of the text is in Spanish; about 10% of the
 * records are private and 20% meant for the teacher. Look-fors come from
 * the store's catalog plus a few of the team's own.
 *
 * Runs in transactions of a few thousand records; on error the batch in
 * progress is rolled back (earlier batches stay).
 *
 * Returns: %TRUE on success
 */
gboolean
cb_generate (CbStore  *store,
             guint     n_records,
             guint32   seed,
             GError  **error)
{
  return cb_generate_full (store, n_records, seed, NULL, error);
}

/**
 * cb_generate_full:
 * @today: (nullable): YYYY-MM-DD: the records are dated around this
 *   day instead of the 2025-26 school year
 *
 * Like cb_generate(); with @today, the records are those of the school
 * year under way on @today (or the one before, early in the year) up to
 * that day: nothing is dated after it, action items are judged done or
 * open as of it, and nothing comes from earlier school years, so no
 * action item is overdue by more than a school year. A sample notebook
 * made today looks like a notebook in use today.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_generate_full (CbStore     *store,
                  guint        n_records,
                  guint32      seed,
                  const char  *today,
                  GError     **error)
{
  guint32 id_seed[2] = { seed, 0x1d5u };
  guint32 content_seed[2] = { seed, 0xc0ffeeu };
  guint32 cycle_seed[2] = { seed, 0xc1c1eu };
  guint32 walk_seed[2] = { seed, 0x3a1cu };
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (person_free);
  g_autoptr(GRand) peek = NULL;
  g_autoptr(CbRecord) existing = NULL;
  char first[37];
  guint n_schools, n_staff;
  int base_year = BASE_YEAR;
  Gen g = { 0 };

  g_return_val_if_fail (CB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_records == 0)
    return TRUE;

  g.store = store;
  g.target = n_records;
  g_strlcpy (g.reference, REFERENCE_DATE, sizeof g.reference);
  g_date_clear (&g.until, 1);
  if (today != NULL)
    {
      int y, m, d;

      if (sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
        {
          g_set_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                       _("“%s” is not a date (year-month-day)."), today);
          return FALSE;
        }
      g_date_set_dmy (&g.until, d, m, y);
      g_snprintf (g.reference, sizeof g.reference, "%04d-%02d-%02d", y, m, d);
      /* the school year under way, or the last one before its second
       * coaching day */
      base_year = m >= 8 ? y : y - 1;
      if (m == 8 || m == 9 || (m == 10 && d < 20))
        base_year--;
    }
  g.ids = g_rand_new_with_seed_array (id_seed, G_N_ELEMENTS (id_seed));
  g.rand = g_rand_new_with_seed_array (content_seed, G_N_ELEMENTS (content_seed));
  g.cycles = g_rand_new_with_seed_array (cycle_seed, G_N_ELEMENTS (cycle_seed));
  g.walks = g_rand_new_with_seed_array (walk_seed, G_N_ELEMENTS (walk_seed));
  g.look_fors = g_ptr_array_new_with_free_func (look_for_free);
  g.schools = g_ptr_array_new_with_free_func (school_free);

  /* UUIDs follow from the seed: a second run with the same seed would
   * collide with the first on its very first record. */
  peek = g_rand_copy (g.ids);
  make_uuid (peek, first);
  existing = cb_store_get (store, first, NULL);
  if (existing != NULL)
    g_set_error (&g.error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID,
                 _("This database already holds the records generated with seed %u. Use another seed."),
                 seed);

  if (g.error == NULL && load_look_fors (&g, &g.error))
    g.in_txn = cb_store_begin (store, &g.error);
  if (g.in_txn)
    {
      gen_team_look_fors (&g);

      n_schools = CLAMP (n_records / 12000 + 1, 1, 40);
      n_staff = CLAMP (n_records / 20, 6, STAFF_PER_SCHOOL);
      g.coaches[0] = gen_person (&g, NULL, "coach", -1, "K-12", "Math", TRUE);
      g.coaches[1] = gen_person (&g, NULL, "coach", -1, "K-12", "Math", TRUE);
      g.district = gen_person (&g, NULL, "district_leader", -1, "K-12", "Math", FALSE);
      g_ptr_array_add (others, g.coaches[0]);
      g_ptr_array_add (others, g.coaches[1]);
      g_ptr_array_add (others, g.district);

      for (guint i = 0; i < n_schools && g.error == NULL; i++)
        g_ptr_array_add (g.schools, gen_school (&g, i, n_staff));

      /* newest school year first, round robin over the schools */
      for (int y = 0; y < (today != NULL ? 1 : 100) && budget_left (&g); y++)
        for (guint i = 0; i < g.schools->len && budget_left (&g); i++)
          gen_year (&g, g_ptr_array_index (g.schools, i), base_year - y);

      if (g.error != NULL && g.in_txn)
        cb_store_rollback (store);
      else if (g.error == NULL)
        cb_store_commit (store, &g.error);
    }

  g_rand_free (g.ids);
  g_rand_free (g.rand);
  g_rand_free (g.cycles);
  g_rand_free (g.walks);
  g_ptr_array_unref (g.look_fors);
  g_ptr_array_unref (g.schools);

  if (g.error != NULL)
    {
      g_propagate_error (error, g.error);
      return FALSE;
    }
  return TRUE;
}
