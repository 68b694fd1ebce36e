# The Nautilus pods' AWS identity: EKS Pod Identity binds this role to ServiceAccount
# <k8s_namespace>/<k8s_service_account> (k8s/base/rbac.yaml); no annotation, no OIDC provider, no keys.
# It may read and write objects in the artifacts bucket (models, backups) and use the key for that bucket
# only through S3. It may not delete object versions (history stays), change the bucket, or touch anything else.
resource "aws_iam_role" "nautilus" {
  name               = "${local.name}-pods"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
}

data "aws_iam_policy_document" "nautilus" {
  statement {
    sid       = "ListArtifacts"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  statement {
    sid = "ReadWriteArtifacts"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }

  statement {
    sid       = "ArtifactsKeyThroughS3"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "nautilus" {
  name   = "artifacts"
  role   = aws_iam_role.nautilus.id
  policy = data.aws_iam_policy_document.nautilus.json
}

resource "aws_eks_pod_identity_association" "nautilus" {
  cluster_name    = aws_eks_cluster.this.name
  namespace       = var.k8s_namespace
  service_account = var.k8s_service_account
  role_arn        = aws_iam_role.nautilus.arn

  depends_on = [aws_eks_addon.pod_identity_agent]
}
