import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history: the UI is served from one file by Wails and by zongzhid,
// and API calls stay relative to it.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/grids' },
    { path: '/visits', component: () => import('./views/people/BoardView.vue') },
    { path: '/people', component: () => import('./views/people/PeopleView.vue') },
    { path: '/dashboard', component: () => import('./views/dashboard/DashboardView.vue') },
    { path: '/ledger', component: () => import('./views/ledger/LedgerView.vue') },
    { path: '/unit-tasks', component: () => import('./views/ledger/UnitView.vue') },
    { path: '/disputes', component: () => import('./views/disputes/DisputesView.vue') },
    { path: '/meetings', component: () => import('./views/meetings/MeetingsView.vue') },
    { path: '/meetings/:id', component: () => import('./views/meetings/MeetingPage.vue') },
    { path: '/volunteer-teams', component: () => import('./views/volunteers/TeamsView.vue') },
    { path: '/volunteers', component: () => import('./views/volunteers/VolunteersView.vue') },
    { path: '/volunteers/:id', component: () => import('./views/volunteers/VolunteerPage.vue') },
    { path: '/volunteer-activities', component: () => import('./views/volunteers/ActivitiesView.vue') },
    { path: '/volunteer-activities/:id', component: () => import('./views/volunteers/ActivityPage.vue') },
    { path: '/grids', component: () => import('./views/grids/GridsView.vue') },
    { path: '/staff', component: () => import('./views/staff/StaffView.vue') },
    { path: '/divisions', component: () => import('./views/divisions/DivisionsView.vue') },
    { path: '/import', component: () => import('./views/imports/ImportView.vue') },
    { path: '/sync', component: () => import('./views/sync/SyncView.vue') },
    { path: '/settings', component: () => import('./views/settings/SettingsView.vue') },
    { path: '/about', component: () => import('./views/AboutView.vue') },
  ],
})
