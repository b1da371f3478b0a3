/**
 * Every Hebrew string the dashboard shows lives here, so wording is reviewed in one place
 * and components never carry literal UI text.
 */
export const messages = {
  app: {
    name: 'ProSaaS',
    tagline: 'עוזר קולי חכם לעסקים',
    skipToContent: 'דלג לתוכן הראשי',
    mainNavigation: 'ניווט ראשי',
    documentTitle: (page: string) => `${page} · ProSaaS`,
  },
  nav: {
    overview: 'סקירה',
    calls: 'שיחות',
    leads: 'לידים',
    appointments: 'פגישות',
    tasks: 'משימות',
    outbound: 'שיחות יוצאות',
    settings: 'הגדרות',
    tenants: 'עסקים',
    status: 'מצב המערכת',
    apiDocs: 'תיעוד API',
    signIn: 'כניסה',
    signOut: 'יציאה',
    signingOut: 'יוצא…',
    currentUser: 'המשתמש המחובר',
    noBusiness: 'לא נבחר עסק',
  },
  roles: {
    system_admin: 'מנהל מערכת',
    owner: 'בעלים',
    admin: 'מנהל',
    agent: 'נציג',
  } as Record<string, string>,
  signIn: {
    title: 'כניסה למערכת',
    intro: 'התחברו עם כתובת הדוא״ל והסיסמה שקיבלתם.',
    email: 'דוא״ל',
    password: 'סיסמה',
    submit: 'כניסה',
    submitting: 'מתחבר…',
    emailRequired: 'יש להזין כתובת דוא״ל',
    passwordRequired: 'יש להזין סיסמה',
    failed: 'הכניסה נכשלה',
  },
  session: {
    loading: 'טוען…',
    expired: 'פג תוקף החיבור. יש להתחבר מחדש.',
  },
  errors: {
    network: 'לא ניתן להתחבר לשרת. בדקו את החיבור ונסו שוב.',
    badRequest: 'הבקשה אינה תקינה',
    unauthorized: 'יש להתחבר כדי להמשיך',
    forbidden: 'אין לך הרשאה לפעולה זו',
    notFound: 'המשאב המבוקש לא נמצא',
    conflict: 'הפעולה מתנגשת במצב הנוכחי. רעננו ונסו שוב.',
    tooManyRequests: 'יותר מדי ניסיונות. נסו שוב בעוד כמה דקות.',
    server: 'אירעה שגיאה לא צפויה. נסו שוב מאוחר יותר.',
    unexpected: 'התקבלה תשובה לא צפויה מהשרת',
  },
  noAccess: {
    title: 'אין גישה',
    body: 'לתפקיד שלך אין הרשאה לדף הזה. אם נדרשת לך גישה, פנו לבעלי העסק.',
    backHome: 'חזרה לדף הבית',
  },
  comingSoon: {
    badge: 'בקרוב',
    body: 'הדף הזה עדיין בבנייה ויהיה זמין בקרוב.',
  },
  status: {
    title: 'מצב המערכת',
    intro: 'בדיקות הזמינות של שרת ProSaaS ורכיביו.',
    loading: 'בודק את מצב המערכת…',
    overallHealthy: 'כל רכיבי המערכת תקינים',
    overallDegraded: 'חלק מרכיבי המערכת פועלים באופן חלקי',
    overallUnhealthy: 'חלק מרכיבי המערכת אינם תקינים',
    checksHeading: 'רכיבים',
    noChecks: 'השרת לא דיווח על בדיקות.',
    checkedAtLabel: 'נבדק לאחרונה:',
    refresh: 'רענון',
    refreshing: 'מרענן…',
    connectionError: 'לא ניתן להתחבר לשרת',
    connectionErrorHint: 'ייתכן שהשרת אינו פועל או שהרשת אינה זמינה.',
    retry: 'נסה שוב',
    retrying: 'מנסה שוב…',
  },
  checkState: {
    healthy: 'תקין',
    degraded: 'תקין חלקית',
    unhealthy: 'לא תקין',
  },
  checkLabels: {
    database: 'מסד נתונים',
    migrations: 'סכמת נתונים',
    'projections-daemon': 'מעבד תחזיות',
  } as Record<string, string>,
  notFound: {
    title: 'הדף לא נמצא',
    body: 'הכתובת שביקשת אינה קיימת במערכת. ייתכן שהקישור שגוי או שהדף הוסר.',
    backHome: 'חזרה למצב המערכת',
  },
  common: {
    loading: 'טוען…',
    loadFailed: 'לא ניתן לטעון את הנתונים',
    retry: 'נסו שוב',
    none: '—',
    save: 'שמירה',
    saving: 'שומר…',
    saved: 'נשמר',
    cancel: 'ביטול',
    close: 'סגירה',
    delete: 'מחיקה',
    confirm: 'אישור',
    search: 'חיפוש',
    loadMore: 'טעינת עוד',
  },

  // ─── overview ───────────────────────────────────────────────
  overview: {
    title: 'סקירה',
  },
  // ─── end of overview ────────────────────────────────────────

  // ─── calls ───────────────────────────────────────────────
  calls: {
    title: 'שיחות',
  },
  // ─── end of calls ────────────────────────────────────────

  // ─── leads ───────────────────────────────────────────────
  leads: {
    title: 'לידים',
  },
  // ─── end of leads ────────────────────────────────────────

  // ─── tasks ───────────────────────────────────────────────
  tasks: {
    title: 'משימות',
  },
  // ─── end of tasks ────────────────────────────────────────

  // ─── appointments ───────────────────────────────────────────────
  appointments: {
    title: 'פגישות',
  },
  // ─── end of appointments ────────────────────────────────────────

  // ─── outbound ───────────────────────────────────────────────
  outbound: {
    title: 'שיחות יוצאות',
  },
  // ─── end of outbound ────────────────────────────────────────

  // ─── settings ───────────────────────────────────────────────
  settings: {
    title: 'הגדרות',
  },
  // ─── end of settings ────────────────────────────────────────

  // ─── tenants ───────────────────────────────────────────────
  tenants: {
    title: 'עסקים',
  },
  // ─── end of tenants ────────────────────────────────────────
} as const
