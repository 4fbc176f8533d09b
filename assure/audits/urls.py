from django.urls import path

from assure.audits.views import arrangements, casework, figures

urlpatterns = [
    path("audits/", figures.overview, name="audits"),
    path("audits/scores/", figures.scores, name="audit-scores"),
    path("audits/scores/publish/", figures.publish, name="audit-publish"),
    path("audits/compliance/", figures.compliance_page, name="audit-compliance"),
    path("audits/learning/", figures.learning_page, name="audit-learning"),
    path("audits/learning/themes/new/", arrangements.theme_edit, name="learning-theme-new"),
    path("audits/learning/themes/<int:pk>/", arrangements.theme_edit, name="learning-theme-edit"),
    path("audits/learning/dip-samples/new/", arrangements.dip_edit, name="dip-sample-new"),
    path("audits/learning/dip-samples/<int:pk>/", arrangements.dip_detail, name="dip-sample"),
    path(
        "audits/learning/dip-samples/<int:pk>/edit/", arrangements.dip_edit, name="dip-sample-edit"
    ),
    path(
        "audits/learning/dip-samples/<int:pk>/findings/new/",
        arrangements.finding_new,
        name="dip-finding-new",
    ),
    path("audits/tools/", arrangements.tools, name="audit-tools"),
    path("audits/tools/new/", arrangements.tool_edit, name="audit-tool-new"),
    path("audits/tools/<int:pk>/", arrangements.tool_detail, name="audit-tool"),
    path("audits/tools/<int:pk>/edit/", arrangements.tool_edit, name="audit-tool-edit"),
    path(
        "audits/tools/<int:tool_pk>/domains/new/", arrangements.domain_edit, name="audit-domain-new"
    ),
    path("audits/domains/<int:pk>/edit/", arrangements.domain_edit, name="audit-domain-edit"),
    path("audits/grades/<int:pk>/edit/", arrangements.level_edit, name="audit-level-edit"),
    path("audits/programme/", arrangements.programme_page, name="audit-programme"),
    path("audits/programme/edit/", arrangements.programme_edit, name="audit-programme-edit"),
    path("audits/programme/teams/new/", arrangements.team_edit, name="audit-team-new"),
    path("audits/programme/teams/<int:pk>/", arrangements.team_edit, name="audit-team-edit"),
    path("audits/programme/auditors/new/", arrangements.auditor_edit, name="auditor-new"),
    path("audits/programme/auditors/<int:pk>/", arrangements.auditor_edit, name="auditor-edit"),
    path("audits/cases/", arrangements.cases, name="audit-cases"),
    path("audits/cases/new/", arrangements.case_new, name="audit-case-new"),
    path("audits/cases/load/", arrangements.caseload, name="audit-caseload"),
    path("audits/samples/new/", casework.sample_new, name="audit-sample-new"),
    path("audits/samples/<int:pk>/", casework.sample_detail, name="audit-sample"),
    path("audits/case-audits/", casework.audit_list, name="case-audits"),
    path("audits/case-audits/new/", casework.audit_new, name="case-audit-new"),
    path("audits/case-audits/<int:pk>/", casework.audit_detail, name="case-audit"),
    path("audits/case-audits/<int:pk>/edit/", casework.audit_edit, name="case-audit-edit"),
    path("audits/case-audits/<int:pk>/cancel/", casework.audit_cancel, name="case-audit-cancel"),
    path(
        "audits/case-audits/<int:pk>/returns/",
        casework.returns_request,
        name="audit-returns-request",
    ),
    path(
        "audits/case-audits/<int:pk>/moderator/",
        casework.moderation_assign,
        name="moderation-assign",
    ),
    path(
        "audits/case-audits/<int:pk>/moderation/", casework.moderation_edit, name="moderation-edit"
    ),
    path("audits/case-audits/<int:pk>/actions/new/", casework.action_new, name="audit-action-new"),
    path("audits/returns/<int:pk>/", casework.return_edit, name="audit-return"),
    path("audits/my-returns/", casework.my_returns, name="my-returns"),
]
