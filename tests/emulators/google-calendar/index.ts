export { GoogleCalendar, type GoogleEventInput } from './calendar';
