from django.urls import path

from assure.plans import views

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_edit, name="plan-new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/status/", views.plan_status, name="plan-status"),
    path("plans/<int:plan_pk>/commitments/new/", views.commitment_edit, name="commitment-new"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment-edit"),
    path("plans/<int:plan_pk>/priorities/new/", views.priority_edit, name="priority-new"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority-edit"),
    path("priorities/<int:pk>/overview/", views.priority_review, name="priority-review"),
    path(
        "priorities/<int:priority_pk>/objectives/new/", views.objective_edit, name="objective-new"
    ),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective-edit"),
    path("objectives/<int:objective_pk>/actions/new/", views.action_edit, name="action-new"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/update/", views.update_new, name="update-new"),
    path("updates/", views.updates, name="updates"),
    path("updates/<int:pk>/review/", views.update_review, name="update-review"),
    path("my-actions/", views.my_actions, name="my-actions"),
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path("recommendations/new/", views.recommendation_edit, name="recommendation-new"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
]
