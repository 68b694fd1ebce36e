# The deploy identity of .github/workflows/deploy.yml: GitHub Actions exchanges its OIDC token for this role
# (aws-actions/configure-aws-credentials, role-to-assume); no AWS keys are stored in GitHub.
#
# Who may assume it: only workflow runs of var.github_repository on var.github_deploy_branch (the token's sub
# claim is "repo:<owner>/<repo>:ref:refs/heads/<branch>"). Pull requests, forks, tags and other branches get a
# different sub and are refused. A job that names a GitHub environment gets "repo:...:environment:<name>" instead:
# the deploy job names none (see the workflow).
#
# What it may do: push images to the one ECR repository, describe the cluster (for its kubeconfig), and, through
# an EKS access entry, edit objects in the Nautilus namespace only (AmazonEKSEditPolicy scoped to it: no RBAC,
# no Namespace, no cluster-scoped objects; those are applied once by an admin, see k8s/README.md).

# GitHub's OIDC issuer, once per AWS account: import it if the account already has one
# (terraform import aws_iam_openid_connect_provider.github arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com).
# No thumbprint: AWS validates this issuer against its own trusted CAs (the thumbprint is ignored for GitHub).
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "github_deploy_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # StringEquals, not StringLike: exactly this repository's deploy branch.
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:ref:refs/heads/${var.github_deploy_branch}"]
    }
  }
}

resource "aws_iam_role" "github_deploy" {
  name                 = "${local.name}-github-deploy"
  assume_role_policy   = data.aws_iam_policy_document.github_deploy_assume.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "github_deploy" {
  # GetAuthorizationToken has no resource-level permissions: it only lets docker log in; the pushes below
  # are limited to the one repository.
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "EcrPushNautilus"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [aws_ecr_repository.nautilus.arn]
  }

  # aws eks update-kubeconfig; what it may do inside the cluster is the access entry below.
  statement {
    sid       = "DescribeCluster"
    actions   = ["eks:DescribeCluster"]
    resources = [aws_eks_cluster.this.arn]
  }
}

resource "aws_iam_role_policy" "github_deploy" {
  name   = "ecr-push-and-describe-cluster"
  role   = aws_iam_role.github_deploy.id
  policy = data.aws_iam_policy_document.github_deploy.json
}

resource "aws_eks_access_entry" "github_deploy" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.github_deploy.arn
}

resource "aws_eks_access_policy_association" "github_deploy" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.github_deploy.arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"

  access_scope {
    type       = "namespace"
    namespaces = [var.k8s_namespace]
  }

  depends_on = [aws_eks_access_entry.github_deploy]
}
