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
    status: 'מצב המערכת',
    apiDocs: 'תיעוד API',
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
} as const
