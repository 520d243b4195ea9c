// The little the web app needs from the browser: a readiness mark, the time zone, drafts, focus, print.
window.branchArchive = {
  // Set once the interactive circuit has rendered: tests (and impatient people) click after it.
  markInteractive: () => document.documentElement.setAttribute('data-interactive', 'true'),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  // Drafts live in this tab's session storage, so a form survives signing in again.
  saveDraft: (key, json) => sessionStorage.setItem('branch-archive-draft:' + key, json),
  loadDraft: key => sessionStorage.getItem('branch-archive-draft:' + key),
  clearDraft: key => sessionStorage.removeItem('branch-archive-draft:' + key),
  focus: id => { const element = document.getElementById(id); if (element) { element.focus(); if (element.select) { element.select(); } } },
  print: () => window.print()
};
